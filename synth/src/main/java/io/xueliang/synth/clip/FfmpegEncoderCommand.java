package io.xueliang.synth.clip;

import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg command line that encodes raw BGR frames from stdin into MPEG-TS, shaped for RTSP
 * streaming tests: no B-frames (decode order = presentation order, as most cameras), a constant closed
 * GOP (a loop of the clip joins at a keyframe), parameter sets before every keyframe (a client
 * joining at any keyframe can decode), and a capped bitrate like a camera's CBR setting.
 */
final class FfmpegEncoderCommand {
    private FfmpegEncoderCommand() {
    }

    static List<String> build(String ffmpeg, ClipOptions o, int width, int height) {
        String gop = Integer.toString(o.gopFrames());
        String rate = Long.toString(o.bitrate());
        List<String> c = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "warning", "-y",
                "-f", "rawvideo", "-pix_fmt", "bgr24", "-video_size", width + "x" + height,
                "-framerate", Integer.toString(o.fps()), "-i", "pipe:0", "-an",
                "-c:v", o.codec().encoder(), "-pix_fmt", "yuv420p", "-g", gop, "-keyint_min", gop, "-bf", "0",
                "-sc_threshold", "0", "-b:v", rate, "-maxrate", rate, "-bufsize", rate, "-flags", "+cgop"));
        if (o.codec() == ClipCodec.H264) {
            // x264 repeats SPS/PPS before every IDR by default; closed GOP is its default too
            c.addAll(List.of("-preset", "medium", "-profile:v", "main", "-x264-params", "open-gop=0:scenecut=0"));
        } else {
            long kbps = o.bitrate() / 1000;
            c.addAll(List.of("-preset", "fast", "-x265-params", "keyint=" + gop + ":min-keyint=" + gop
                    + ":scenecut=0:bframes=0:open-gop=0:repeat-headers=1:vbv-maxrate=" + kbps + ":vbv-bufsize=" + kbps
                    + ":log-level=error"));
        }
        c.addAll(List.of("-fflags", "+bitexact", "-f", "mpegts", o.out().toString()));
        return c;
    }
}
