/**
 * Encodes synthetic scenes to MPEG-TS clips with an ffmpeg child process (libx264/libx265, constant
 * closed GOPs, no B-frames, parameter sets at every keyframe) and writes their ground-truth sidecar.
 */
package io.xueliang.synth.clip;
