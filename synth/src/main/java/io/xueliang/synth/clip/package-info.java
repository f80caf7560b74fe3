/**
 * Encodes synthetic scenes to MPEG-TS clips with an ffmpeg child process (libx264/libx265, constant
 * closed GOPs, no B-frames, parameter sets at every keyframe) and writes their ground-truth sidecar.
 * The committed clips under {@code ingest/src/main/resources/clips/} are regenerated with
 * {@code mvn -q -pl synth compile && java -cp synth/target/classes io.xueliang.synth.clip.ClipGenerator
 * --out ingest/src/main/resources/clips/road-720p-h264.ts --codec h264} (and {@code h265}); the defaults
 * are 16 s, 25 fps, 2 s GOP, 1.5 Mbps, seed 5.
 */
package io.xueliang.synth.clip;
