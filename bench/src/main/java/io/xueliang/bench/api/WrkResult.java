package io.xueliang.bench.api;

import java.util.HashMap;
import java.util.Map;

/**
 * What one {@code wrk} run reports through {@code report.lua}: latencies in microseconds as wrk
 * measures them (from sending a request to its last byte, on each connection in turn, so a stalled
 * server shows in p99 only as long as wrk keeps waiting: wrk does not correct for coordinated omission).
 *
 * @param statusErrors answers with a status other than 2xx or 3xx
 * @param socketErrors connect, read, write errors and timeouts
 */
record WrkResult(long requests, long durationMicros, long bytes, long p50Micros, long p90Micros, long p99Micros,
        long maxMicros, long meanMicros, long statusErrors, long socketErrors) {

    double requestsPerSecond() {
        return requests * 1e6 / durationMicros;
    }

    double bytesPerAnswer() {
        return requests == 0 ? 0 : (double) bytes / requests;
    }

    /** Parses the {@code XUELIANG_WRK key=value ...} line of wrk's output. */
    static WrkResult parse(String output) {
        String line = output.lines().filter(l -> l.startsWith("XUELIANG_WRK ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result line in wrk output:\n" + output));
        Map<String, Long> v = new HashMap<>();
        for (String pair : line.substring("XUELIANG_WRK ".length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            v.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return new WrkResult(v.get("requests"), v.get("duration_us"), v.get("bytes"), v.get("p50_us"), v.get("p90_us"),
                v.get("p99_us"), v.get("max_us"), v.get("mean_us"), v.get("status_errors"), v.get("socket_errors"));
    }
}
