package io.xueliang.api.ops;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.xueliang.media.CameraId;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Builds a metric with one data point per camera, labelled {@code camera} = its id (DESIGN.md §5). */
final class PerCameraSnapshots<T> {
    private final List<T> items;
    private final Function<T, CameraId> camera;

    PerCameraSnapshots(List<T> items, Function<T, CameraId> camera) {
        this.items = items;
        this.camera = camera;
    }

    GaugeSnapshot gauge(String name, String help, ToDoubleFunction<T> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (T item : items) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("camera", camera.apply(item).value()))
                    .value(value.applyAsDouble(item)).build());
        }
        return b.build();
    }

    /** A gauge of value 1 per camera, labelled {@code camera} and {@code label} = what {@code state} says. */
    GaugeSnapshot state(String name, String help, String label, Function<T, String> state) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (T item : items) {
            b.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("camera", camera.apply(item).value(), label, state.apply(item))).value(1).build());
        }
        return b.build();
    }

    CounterSnapshot counter(String name, String help, ToDoubleFunction<T> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (T item : items) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("camera", camera.apply(item).value()))
                    .value(value.applyAsDouble(item)).build());
        }
        return b.build();
    }
}
