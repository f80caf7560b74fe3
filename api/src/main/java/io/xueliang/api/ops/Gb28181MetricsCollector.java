package io.xueliang.api.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.media.Gb28181Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * The GB/T 28181 platform ({@code xueliang_gb28181_*}): registrations, refusals (wrong passwords, floods, strangers),
 * keepalives, catalogs and calls, and the devices registered and online now.
 */
public final class Gb28181MetricsCollector implements MultiCollector {
    private static final String PREFIX = "xueliang_gb28181_";

    private final Gb28181Stats stats;

    public Gb28181MetricsCollector(Gb28181Stats stats) {
        this.stats = stats;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        for (Gb28181Stats.Count c : stats.counts()) {
            out.add(CounterSnapshot.builder().name(PREFIX + c.name()).help(c.help())
                    .dataPoint(CounterDataPointSnapshot.builder().value(c.value()).build()).build());
        }
        out.add(gauge("devices_registered", "GB/T 28181 devices registered now", stats.devicesRegistered()));
        out.add(gauge("devices_online", "GB/T 28181 devices registered and keeping alive", stats.devicesOnline()));
        out.add(gauge("calls", "Live GB/T 28181 calls in progress", stats.calls()));
        return new MetricSnapshots(out);
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(PREFIX + name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
