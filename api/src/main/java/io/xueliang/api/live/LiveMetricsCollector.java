package io.xueliang.api.live;

import static io.xueliang.api.ops.Snapshots.counter;
import static io.xueliang.api.ops.Snapshots.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** Live video ({@code xueliang_live_*}), read when scraped. */
public final class LiveMetricsCollector implements MultiCollector {
    private final LiveChannels channels;

    public LiveMetricsCollector(LiveChannels channels) {
        this.channels = channels;
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(
                gauge("xueliang_live_viewers", "Live video viewers (WebSockets) open", channels.viewers()),
                gauge("xueliang_live_cameras", "Cameras with at least one live viewer", channels.watched().size()),
                gauge("xueliang_live_lingering", "Cameras without a viewer whose live channel (GOP) is kept for a while",
                        channels.lingering()),
                counter("xueliang_live_views", "Live views started", channels.started()),
                counter("xueliang_live_sent_bytes", "Bytes of live video sent to viewers", channels.bytesSent()),
                counter("xueliang_live_skips", "Times a live viewer fell behind and skipped to the next keyframe",
                        channels.skips()),
                counter("xueliang_live_refused_keyframes", "Keyframes whose parameters an MP4 cannot carry",
                        channels.refused()));
    }
}
