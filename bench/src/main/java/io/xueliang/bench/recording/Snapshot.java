package io.xueliang.bench.recording;

import io.xueliang.bench.proc.HostSample;
import io.xueliang.bench.proc.ProcIo;
import io.xueliang.bench.proc.ProcPss;
import io.xueliang.bench.proc.ProcReader;
import io.xueliang.bench.proc.ProcessSample;
import io.xueliang.bench.proc.ThreadCpu;
import io.xueliang.bench.system.MetricsScrape;
import io.xueliang.bench.system.RunningSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Everything measured at one end of the window: the server, the simulator, the ffmpeg processes, the machine. */
record Snapshot(MetricsScrape metrics, ProcessSample server, long serverPss, ProcIo serverIo,
        Map<String, Long> serverThreads,
        long recordingsBytes, ProcessSample simulator, ProcessSample ffmpeg, long ffmpegPss, ProcIo ffmpegIo,
        long ffmpegFileBytes, HostSample host) {

    static Snapshot take(RunningSystem system, Path recordings, List<Long> ffmpegPids, Path ffmpegOut, String device)
            throws Exception {
        long server = system.server().pid();
        // /proc first and together, the slower scrape and folder walks after.
        ProcessSample s = ProcReader.sample(List.of(server));
        ProcIo io = ProcIo.sum(List.of(server));
        ProcessSample sim = ProcReader.sample(List.of(system.simulator().pid()));
        ProcessSample f = ProcReader.sample(ffmpegPids);
        ProcIo fio = ProcIo.sum(ffmpegPids);
        HostSample host = HostSample.now(device);
        Map<String, Long> threads = ThreadCpu.byName(server);
        return new Snapshot(system.metrics(), s, ProcPss.bytes(List.of(server)), io, threads, bytesUnder(recordings),
                sim, f,
                ProcPss.bytes(ffmpegPids), fio, bytesUnder(ffmpegOut), host);
    }

    /** Sum of the sizes of the regular files under {@code dir}; 0 when it does not exist. */
    static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted meanwhile
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
