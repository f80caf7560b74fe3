package io.xueliang.server;

import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xueliang simulate}: RTSP cameras serving one looping clip, until interrupted. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "RTSP camera simulator serving rtsp://HOST:PORT/cam1..camN from one looping clip.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--cameras", required = true, description = "How many cameras (cam1..camN).")
    int cameras;

    @Option(names = "--port", defaultValue = "8554", description = "RTSP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--source", paramLabel = "FILE",
            description = "MPEG-TS clip with H.264 or H.265 video (default: the built-in 720p road scene).")
    Path source;

    @Option(names = "--user", description = "Require this user name (Digest or Basic).")
    String user;

    @Option(names = "--password", description = "Password for --user.")
    String password;

    @Option(names = "--threads", defaultValue = "0", description = "Event loop threads; 0 = one per core.")
    int threads;

    @Override
    public Integer call() throws Exception {
        SimulatorSource clip = source == null ? SimulatorSource.defaultClip() : SimulatorSource.load(source);
        RtspCameraSimulator simulator = new RtspCameraSimulator(clip,
                new SimulatorOptions(cameras, host, port, user, password, threads)).start();
        System.out.printf("simulating %d %s camera(s): %s .. %s (%d frames, %d fps, looping)%n", cameras, clip.codec(),
                simulator.url(1), simulator.url(cameras), clip.frameCount(), clip.framesPerSecond());
        RunCommand.awaitShutdown(simulator);
        return 0;
    }
}
