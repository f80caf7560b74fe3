/**
 * The boundary ring's routes (进县留影、出县留踪, DESIGN.md §9): checkpoints marked by admins, and who entered, left or
 * is still inside a region, for investigators, through the one authorisation path and on the audit trail.
 */
package io.xueliang.api.ring;
