package io.xueliang.bench.recording;

import io.xueliang.bench.proc.ThreadCpu;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run's results over the measured window. Rates are per second of the window; "per camera" divides by N for the
 * server and by K for ffmpeg.
 */
record RecordingMeasurement(int cameras, boolean record, double seconds, double serverCores, long serverRss,
        long serverPss,
        double serverWriteBps, double recordingsGrowthBps, double cameraInBps, double framesPerSecond,
        double recordedUnitsPerSecond, double droppedInWindow, double droppedTotal, double rtpLostInWindow,
        double rtpLostTotal, double writeFailures, double simulatorCores, double hostBusyCores,
        double deviceWriteBps, long dirtyBytesAtEnd, int ffmpegCount, long ffmpegExited, double ffmpegCores,
        long ffmpegRss, long ffmpegPss, double ffmpegWriteBps, double ffmpegGrowthBps, Map<String, Double> serverThreadCores) {

    static final String HEADER = "| cameras | recording | server CPU % of a core per camera | server RSS MiB per camera"
            + " | server PSS MiB per camera | server RSS MiB | server writes MB/s (/proc io) | recordings folder growth MB/s | camera input MB/s"
            + " | frames/s per camera | recorded units/s per camera | dropped units (window / since start)"
            + " | RTP lost (window / since start) | simulator CPU % of a core | other processes, cores (machine busy − this run)"
            + " | disk writes MB/s (device) | dirty + writeback MiB at end | ffmpeg recorders"
            + " | ffmpeg CPU % of a core per camera | ffmpeg RSS MiB per camera | ffmpeg PSS MiB per camera"
            + " | ffmpeg writes MB/s per camera |";
    static final String RULE = "|---".repeat(22) + "|";

    static RecordingMeasurement between(int cameras, boolean record, Snapshot a, Snapshot b, int ffmpegCount,
            long ffmpegExited) {
        double seconds = (b.server().atNanos() - a.server().atNanos()) / 1e9;
        int k = Math.max(1, ffmpegCount);
        return new RecordingMeasurement(cameras, record, seconds, b.server().coresSince(a.server()),
                b.server().rssBytes(), b.serverPss(), b.serverIo().writtenSince(a.serverIo()) / seconds,
                (b.recordingsBytes() - a.recordingsBytes()) / seconds,
                (b.metrics().bytes() - a.metrics().bytes()) / seconds,
                (b.metrics().frames() - a.metrics().frames()) / seconds,
                (b.metrics().recordedUnits() - a.metrics().recordedUnits()) / seconds,
                b.metrics().droppedUnits() - a.metrics().droppedUnits(), b.metrics().droppedUnits(),
                b.metrics().rtpLost() - a.metrics().rtpLost(), b.metrics().rtpLost(), b.metrics().writeFailures(),
                b.simulator().coresSince(a.simulator()), b.host().busyCoresSince(a.host()),
                b.host().deviceWriteBytesPerSecondSince(a.host()), b.host().dirtyBytes(), ffmpegCount, ffmpegExited,
                ffmpegCount == 0 ? Double.NaN : b.ffmpeg().coresSince(a.ffmpeg()) / k,
                ffmpegCount == 0 ? 0 : b.ffmpeg().rssBytes() / k, ffmpegCount == 0 ? 0 : b.ffmpegPss() / k,
                b.ffmpegIo().writtenSince(a.ffmpegIo()) / seconds / k,
                (b.ffmpegFileBytes() - a.ffmpegFileBytes()) / seconds / k,
                ThreadCpu.coresBetween(a.serverThreads(), b.serverThreads(), seconds));
    }

    /** CPU the rest of the machine used during the window: load this run did not make (other tenants, the kernel). */
    double otherCores() {
        return hostBusyCores - serverCores - simulatorCores - (Double.isNaN(ffmpegCores) ? 0 : ffmpegCores * ffmpegCount);
    }

    /** Frames arrived at the camera's rate (25/s): a starved simulator or server makes the run meaningless. */
    boolean ingestKeptUp(double fps) {
        return framesPerSecond / cameras >= fps * 0.98;
    }

    double serverCoresPerCamera() {
        return serverCores / cameras;
    }

    double serverRssPerCamera() {
        return (double) serverRss / cameras;
    }

    String row() {
        return String.format(Locale.ROOT, "| %d | %s%s | %.4f | %.3f | %.3f | %.0f | %.1f | %.1f | %.1f | %.2f | %.2f"
                        + " | %.0f / %.0f | %.0f / %.0f | %.1f | %.2f | %.1f | %.0f | %d%s | %.3f | %.1f | %.1f | %.3f |",
                cameras, record ? "on" : "off", ingestKeptUp(25) ? "" : " (ingest starved: invalid)",
                100 * serverCoresPerCamera(), serverRssPerCamera() / MIB, (double) serverPss / cameras / MIB,
                serverRss / MIB, serverWriteBps / 1e6, recordingsGrowthBps / 1e6, cameraInBps / 1e6,
                framesPerSecond / cameras, recordedUnitsPerSecond / cameras, droppedInWindow, droppedTotal,
                rtpLostInWindow, rtpLostTotal, 100 * simulatorCores, otherCores(), deviceWriteBps / 1e6,
                dirtyBytesAtEnd / MIB, ffmpegCount, ffmpegExited > 0 ? " (" + ffmpegExited + " exited)" : "",
                100 * ffmpegCores, ffmpegRss / MIB, ffmpegPss / MIB, ffmpegWriteBps / 1e6);
    }

    /** The server's busiest thread groups, in % of a core. */
    String threads(int top) {
        return serverThreadCores.entrySet().stream().limit(top)
                .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), 100 * e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static final double MIB = 1024.0 * 1024.0;
}
