/**
 * Decoding H.264 (ITU-T H.264) and H.265 (ITU-T H.265) access units to BGR pictures with FFmpeg's libavcodec and
 * libswscale (JavaCPP presets), and choosing which pictures analytics looks at (rate or keyframes-only sampling).
 */
package io.xueliang.analytics.decode;
