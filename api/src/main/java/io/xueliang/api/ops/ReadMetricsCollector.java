package io.xueliang.api.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.reads.store.ReadRecorder;

/** The read store's intake ({@code xueliang_reads_*}): reads stored, delivered again, waiting, refused writes. */
public final class ReadMetricsCollector implements MultiCollector {
    private final ReadRecorder recorder;

    public ReadMetricsCollector(ReadRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(
                counter("xueliang_reads_stored", "Plate reads stored in the read store", recorder.stored()),
                counter("xueliang_reads_duplicates", "Plate reads delivered again and already stored", recorder.duplicates()),
                counter("xueliang_reads_write_failures", "Batches of reads the store refused; written again until stored",
                        recorder.failedWrites()),
                GaugeSnapshot.builder().name("xueliang_reads_queued")
                        .help("Plate reads waiting to be written (at 10,000 plate reading waits)")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(recorder.queued()).build()).build());
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
