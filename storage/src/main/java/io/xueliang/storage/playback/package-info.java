/**
 * Playback and export of recorded time ranges: assembles the samples of a camera's fMP4 segment files (ISO/IEC
 * 14496-12) between two wall-clock instants into one MP4 without decoding, either fragmented with a {@code sidx} for a
 * browser's {@code <video>} ({@link io.xueliang.storage.playback.PlaybackPlan}) or as a plain MP4 with an edit list
 * for evidence ({@link io.xueliang.storage.playback.ExportPlan}); both write any byte range on demand.
 */
package io.xueliang.storage.playback;
