package io.xueliang.ingest.simulator;

/**
 * How the simulator serves.
 *
 * @param cameras number of cameras, served as {@code rtsp://host:port/cam1 .. camN}
 * @param bindHost address to listen on, e.g. "0.0.0.0" or "127.0.0.1"
 * @param port RTSP TCP port; 0 picks a free one (see {@link RtspCameraSimulator#port()})
 * @param username required user name, or null to serve without authentication
 * @param password required password when {@code username} is set
 * @param eventLoopThreads I/O threads of the one event loop group; 0 means one per core
 * @param staggerGops camera n plays the clip {@code (n - 1) * staggerGops} GOPs behind camera 1 (it
 *        starts that far from the clip's end), so a vehicle passes camera 1, then camera 2, ... like
 *        traffic along a road; 0 for all cameras in step
 */
public record SimulatorOptions(int cameras, String bindHost, int port, String username, String password,
        int eventLoopThreads, int staggerGops) {

    /** Every camera in step with camera 1. */
    public SimulatorOptions(int cameras, String bindHost, int port, String username, String password,
            int eventLoopThreads) {
        this(cameras, bindHost, port, username, password, eventLoopThreads, 0);
    }

    public SimulatorOptions {
        if (cameras < 1 || cameras > 100_000) {
            throw new IllegalArgumentException("cameras " + cameras + " is outside [1, 100000]");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside [0, 65535]");
        }
        if (staggerGops < 0 || staggerGops > 10_000) {
            throw new IllegalArgumentException("staggerGops " + staggerGops + " is outside [0, 10000]");
        }
        if (eventLoopThreads < 0) {
            throw new IllegalArgumentException("eventLoopThreads " + eventLoopThreads + " is negative");
        }
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost is empty");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password must be given together");
        }
    }

    /** {@code cameras} cameras on 127.0.0.1 at a free port, no authentication, one thread per core. */
    public static SimulatorOptions loopback(int cameras) {
        return new SimulatorOptions(cameras, "127.0.0.1", 0, null, null, 0);
    }

    public SimulatorOptions withCredentials(String user, String pass) {
        return new SimulatorOptions(cameras, bindHost, port, user, pass, eventLoopThreads, staggerGops);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(cameras, bindHost, newPort, username, password, eventLoopThreads, staggerGops);
    }

    boolean authenticationRequired() {
        return username != null;
    }
}
