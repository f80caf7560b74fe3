/**
 * The recording index (DESIGN.md §7): which fMP4 segment files exist for which camera and time, where they live,
 * their SHA-256, the gaps between them with their reasons, and the evidence holds that keep footage from deletion.
 */
package io.xueliang.storage.recording;
