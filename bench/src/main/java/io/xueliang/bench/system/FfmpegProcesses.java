package io.xueliang.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ffmpeg processes pulling cameras of the simulator beside the server, the reference xueliang is compared with:
 * {@code ffmpeg -nostdin -loglevel error -rtsp_transport tcp -i URL OUTPUT...}, one per camera, each logging to its
 * own file. Closing sends SIGTERM (ffmpeg then finishes its output file) and SIGKILL after 15 s.
 */
public final class FfmpegProcesses implements AutoCloseable {
    private final List<Process> processes;

    private final Thread onExit = new Thread(this::close, "stop-ffmpeg");

    private FfmpegProcesses(List<Process> processes) {
        this.processes = processes;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * @param urls   the cameras to pull, one process each
     * @param output the arguments after the input for process {@code i} (0-based): codec, format and output
     * @param logs   where {@code ffmpegI.log} go
     */
    public static FfmpegProcesses start(List<String> urls, OutputArguments output, Path logs) throws IOException {
        Files.createDirectories(logs);
        List<Process> started = new ArrayList<>();
        try {
            for (int i = 0; i < urls.size(); i++) {
                List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error",
                        "-rtsp_transport", "tcp", "-i", urls.get(i)));
                cmd.addAll(output.forProcess(i));
                started.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(logs.resolve("ffmpeg" + (i + 1) + ".log").toFile()).start());
            }
        } catch (IOException | RuntimeException e) {
            RunningSystem.stopAll(started);
            throw e;
        }
        return new FfmpegProcesses(List.copyOf(started));
    }

    /** The output arguments of one process. */
    @FunctionalInterface
    public interface OutputArguments {
        List<String> forProcess(int index) throws IOException;
    }

    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    public int size() {
        return processes.size();
    }

    /** Processes that have exited already (a failed pull): their logs say why. */
    public long exited() {
        return processes.stream().filter(p -> !p.isAlive()).count();
    }

    @Override
    public void close() {
        RunningSystem.stopAll(processes);
        if (Thread.currentThread() != onExit) {
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
    }
}
