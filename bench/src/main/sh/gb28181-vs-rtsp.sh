#!/usr/bin/env bash
# CPU of the server per stream, GB/T 28181 (PS over RTP over UDP, through PsRtpReceiver and PsDemuxer) against
# RTSP (RTP over TCP interleaved, the depacketisers), both recorded: the same server, the same clip from the
# project's simulators, N streams each. Prints the server JVM's CPU over MEASURE seconds after WARM seconds.
# GB_MEDIA is the GB channels' media transport: udp (the default of devices) or tcp (TCP passive, RFC 4571).
#   bench/src/main/sh/gb28181-vs-rtsp.sh [N] [WARM] [MEASURE] [GB_MEDIA]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
n=${1:-100}; warm=${2:-30}; measure=${3:-60}; gb_media=${4:-udp}
work=$(mktemp -d)
trap 'pkill -f "$work" || true; rm -rf "$work"' EXIT
ticks=$(getconf CLK_TCK)

cpu_of() { # utime+stime of a pid, in seconds
  awk -v t="$ticks" '{print ($14+$15)/t}' "/proc/$1/stat"
}

measure() { # $1: label, $2: config
  ./xueliang run --config "$2" > "$work/$1.log" 2>&1 &
  local launcher=$!
  sleep "$warm"
  local pid
  pid=$(pgrep -f -- "--config $2" | while read -r p; do [ -r "/proc/$p/stat" ] && grep -q java "/proc/$p/comm" && echo "$p"; done | head -1)
  local c0; c0=$(cpu_of "$pid")
  sleep "$measure"
  local c1; c1=$(cpu_of "$pid")
  local playing; playing=$(grep -c " playing " "$work/$1.log" || true)
  awk -v l="$1" -v a="$c0" -v b="$c1" -v s="$measure" -v n="$n" -v p="$playing" 'BEGIN {
    printf "%-6s %d streams (%d playing lines): server CPU %.1f s in %d s = %.1f %% of a core, %.3f %% a stream\n",
      l, n, p, b - a, s, 100 * (b - a) / s, 100 * (b - a) / s / n }'
  kill "$launcher" 2>/dev/null || true
  pkill -f -- "--config $2" || true
  sleep 3
}

# RTSP: the RTSP simulator's N cameras, pulled over TCP.
./xueliang simulate --cameras "$n" --port 18554 > "$work/rtsp-sim.log" 2>&1 &
sim=$!
{
  echo "http: { port: 18090 }"
  echo "storage: { root: $work/rtsp-data }"
  echo "cameras:"
  for i in $(seq 1 "$n"); do echo "  - { id: cam$i, source: \"rtsp://127.0.0.1:18554/cam$i\", transport: tcp }"; done
} > "$work/rtsp.yaml"
measure rtsp "$work/rtsp.yaml"
kill "$sim"; sleep 2

# GB/T 28181: N/4 simulated devices of 4 channels, media over GB_MEDIA.
cat > "$work/gb.yaml" <<YAML
http: { port: 18091 }
storage: { root: $work/gb-data }
cameraDefaults: { transport: $gb_media }
gb28181: { serverId: "43032100002000000001", domain: "4303210000", password: bench-pass, sipPort: 15080,
           sipHost: 127.0.0.1, registersPerMinute: 100000 }
YAML
./xueliang simulate --gb28181 --devices $((n / 4)) --channels 4 --platform 127.0.0.1:15080 \
  --server-id 43032100002000000001 --domain 4303210000 --password bench-pass --register-rate 50 \
  > "$work/gb-sim.log" 2>&1 &
sim=$!
sleep 2
measure "gb-$gb_media" "$work/gb.yaml"
kill "$sim"
