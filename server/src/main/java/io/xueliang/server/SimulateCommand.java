package io.xueliang.server;

import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.ingest.simulator.gb28181.GbDeviceSimulator;
import io.xueliang.ingest.simulator.gb28181.GbSimulatorOptions;
import io.xueliang.ingest.simulator.gb28181.GbSimulatorStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xueliang simulate}: RTSP cameras serving one looping clip, or with {@code --gb28181} GB/T 28181 devices that
 * register with a platform and stream the clip as PS when their channels are invited; until interrupted.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "RTSP camera simulator serving rtsp://HOST:PORT/cam1..camN from one looping clip (--cameras); "
                + "with --gb28181 a GB/T 28181 device simulator instead: --devices NVR-like devices of --channels "
                + "channels each register with the platform (digest), keep alive, answer Catalog and DeviceInfo, and "
                + "stream the clip as MPEG-PS over RTP (UDP, or TCP when the platform offers TCP passive) to the "
                + "channels it INVITEs. Device i is <domain>118<serial>, its channels <domain>131<serial>; SIP over "
                + "UDP, one port a device, or TCP (--transport).")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cameras", description = "RTSP: how many cameras (cam1..camN); required without --gb28181.")
    Integer cameras;

    @Option(names = "--port", defaultValue = "8554", description = "RTSP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0",
            description = "Address to bind, RTSP or GB/T 28181 SIP and media (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--source", paramLabel = "FILE",
            description = "MPEG-TS clip with H.264 or H.265 video (default: the built-in 720p road scene).")
    Path source;

    @Option(names = "--user", description = "RTSP: require this user name (Digest or Basic).")
    String user;

    @Option(names = "--password",
            description = "RTSP: password for --user. GB/T 28181: the platform's registration password.")
    String password;

    @Option(names = "--threads", defaultValue = "0", description = "Event loop threads; 0 = one per core.")
    int threads;

    @Option(names = "--gb28181", description = "Simulate GB/T 28181 devices instead of RTSP cameras.")
    boolean gb28181;

    @Option(names = "--devices", defaultValue = "1", description = "GB/T 28181: devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--channels", defaultValue = "4",
            description = "GB/T 28181: video channels per device (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--platform", paramLabel = "HOST:PORT",
            description = "GB/T 28181: the platform's SIP address (its gb28181.sipPort, usually 5060).")
    String platform;

    @Option(names = "--server-id", paramLabel = "ID", description = "GB/T 28181: the platform's 20-digit SIP id.")
    String serverId;

    @Option(names = "--domain", paramLabel = "D",
            description = "GB/T 28181: the 10-digit SIP domain; device and channel ids start with it.")
    String domain;

    @Option(names = "--transport", defaultValue = "udp", paramLabel = "udp|tcp",
            description = "GB/T 28181: SIP over UDP, one port a device, or over one TCP connection a device; media "
                    + "goes as the platform's INVITE offers (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--sip-port", defaultValue = "0", paramLabel = "PORT",
            description = "GB/T 28181: device i binds (UDP) or connects from (TCP) port PORT+i; 0 lets the system "
                    + "pick (default).")
    int sipPort;

    @Option(names = "--local-address", paramLabel = "IPV4",
            description = "GB/T 28181: the address written in Via, Contact and SDP (default: the bind address, or "
                    + "the one the system routes to the platform from).")
    String localAddress;

    @Option(names = "--keepalive", defaultValue = "60", paramLabel = "SECONDS",
            description = "GB/T 28181: seconds between Keepalive MESSAGEs (default: ${DEFAULT-VALUE}).")
    int keepaliveSeconds;

    @Option(names = "--expires", defaultValue = "3600", paramLabel = "SECONDS",
            description = "GB/T 28181: registration asked for, renewed at 4/5 of what is granted (default: "
                    + "${DEFAULT-VALUE}).")
    int expiresSeconds;

    @Option(names = "--register-rate", defaultValue = "100", paramLabel = "PER_SECOND",
            description = "GB/T 28181: first REGISTERs a second over all devices (default: ${DEFAULT-VALUE}); the "
                    + "platform throttles REGISTERs per address (gb28181.registersPerMinute): raise it for load runs.")
    int registerRate;

    @Option(names = "--max-streams", defaultValue = "1000",
            description = "GB/T 28181: live streams at once; INVITEs past it get 486 (default: ${DEFAULT-VALUE}).")
    int maxStreams;

    @Option(names = "--stats", defaultValue = "10", paramLabel = "SECONDS",
            description = "GB/T 28181: print the counters every SECONDS; 0 = never (default: ${DEFAULT-VALUE}).")
    int statsSeconds;

    @Override
    public Integer call() throws Exception {
        SimulatorSource clip = source == null ? SimulatorSource.defaultClip() : SimulatorSource.load(source);
        return gb28181 ? gb28181(clip) : rtsp(clip);
    }

    private int rtsp(SimulatorSource clip) throws Exception {
        if (cameras == null) {
            throw new ParameterException(spec.commandLine(), "--cameras is required (or --gb28181 with --devices)");
        }
        RtspCameraSimulator simulator = new RtspCameraSimulator(clip,
                new SimulatorOptions(cameras, host, port, user, password, threads)).start();
        System.out.printf("simulating %d %s camera(s): %s .. %s (%d frames, %d fps, looping)%n", cameras, clip.codec(),
                simulator.url(1), simulator.url(cameras), clip.frameCount(), clip.framesPerSecond());
        RunCommand.awaitShutdown(simulator);
        return 0;
    }

    private int gb28181(SimulatorSource clip) throws Exception {
        for (String[] required : new String[][] {{"--platform", platform}, {"--server-id", serverId},
            {"--domain", domain}, {"--password", password}}) {
            if (required[1] == null) {
                throw new ParameterException(spec.commandLine(), required[0] + " is required with --gb28181");
            }
        }
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw new ParameterException(spec.commandLine(), "--transport must be udp or tcp, got " + transport);
        }
        int colon = platform.lastIndexOf(':');
        int platformPort;
        try {
            platformPort = colon < 1 ? -1 : Integer.parseInt(platform.substring(colon + 1));
        } catch (NumberFormatException e) {
            platformPort = -1;
        }
        if (platformPort < 1 || platformPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--platform must be HOST:PORT, got " + platform);
        }
        GbSimulatorOptions options;
        try {
            options = new GbSimulatorOptions(devices, channels, platform.substring(0, colon), platformPort, serverId,
                    domain, password, host, sipPort, localAddress, Duration.ofSeconds(expiresSeconds),
                    Duration.ofSeconds(keepaliveSeconds), registerRate, Duration.ofSeconds(30), maxStreams, threads,
                    transport.equals("tcp"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        GbDeviceSimulator simulator = new GbDeviceSimulator(clip, options).start();
        System.out.printf("simulating %d GB/T 28181 device(s) x %d channel(s) (%s .. %s), registering with %s "
                        + "(server %s, domain %s); %s clip, %d fps, looping%n", devices, channels,
                options.deviceId(0), options.deviceId(devices - 1), platform, serverId, domain, clip.codec(),
                clip.framesPerSecond());
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xueliang-simulate-stats");
            t.setDaemon(true);
            return t;
        });
        if (statsSeconds > 0) {
            printer.scheduleAtFixedRate(() -> print(simulator.stats()), statsSeconds, statsSeconds, TimeUnit.SECONDS);
        }
        RunCommand.awaitShutdown(printer::shutdownNow, simulator);
        return 0;
    }

    private void print(GbSimulatorStats s) {
        System.out.printf("registered %d/%d (failures %d), keepalives %d, catalog messages %d, streams %d "
                        + "(invites %d, refused %d, BYE in %d, out %d), RTP %d packets %d bytes, frames skipped %d%n",
                s.registered(), devices, s.registerFailures(), s.keepalivesSent(), s.catalogMessages(), s.streams(),
                s.invites(), s.invitesRefused(), s.byesReceived(), s.byesSent(), s.packetsSent(), s.bytesSent(),
                s.framesSkipped());
    }
}
