-- Prints one line the harness parses (latencies in microseconds, as wrk keeps them).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "XUELIANG_WRK requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%d"
      .. " status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, math.floor(latency.mean),
    e.status, e.connect + e.read + e.write + e.timeout))
end
