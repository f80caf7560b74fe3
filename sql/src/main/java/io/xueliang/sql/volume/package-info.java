/**
 * The storage volume under {@code storage.root}: files and directories made readable by the server's user only, and
 * telling a full disk from other write failures (DESIGN.md §11).
 */
package io.xueliang.sql.volume;
