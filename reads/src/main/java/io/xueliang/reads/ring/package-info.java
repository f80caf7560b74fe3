/**
 * The boundary ring (进县留影、出县留踪, DESIGN.md §9): checkpoints on a region's boundary know which direction of travel
 * enters the region and which leaves it; the store answers who entered, who left, who is still inside since when,
 * and counts in and out per checkpoint and hour.
 */
package io.xueliang.reads.ring;
