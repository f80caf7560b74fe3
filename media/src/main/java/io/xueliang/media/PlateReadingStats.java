package io.xueliang.media;

/**
 * Counters of one plate-reading camera since it started, for metrics. Every access unit the analytics
 * reader of the camera's hub received ends as exactly one of decoded-and-sampled, not sampled, skipped
 * (analytics fell behind) or a decode error; each sampled picture is still or analysed.
 *
 * @param camera        the camera
 * @param unitsSkipped  access units not decoded because analytics fell behind (hub queue overflow)
 * @param decodeErrors  access units the decoder refused (corrupt bytes); decoding resumes at the next keyframe
 * @param framesSampled decoded pictures taken at the sample rate
 * @param framesStill   sampled pictures the motion gate kept from detection
 * @param framesDropped sampled pictures with motion dropped because detection was still busy with an older one
 * @param framesAnalysed pictures that went through detection and reading
 * @param plateSightings plates read in single pictures
 * @param reads         consolidated reads published (one per vehicle pass)
 */
public record PlateReadingStats(CameraId camera, long unitsSkipped, long decodeErrors, long framesSampled,
                                long framesStill, long framesDropped, long framesAnalysed, long plateSightings,
                                long reads) {
}
