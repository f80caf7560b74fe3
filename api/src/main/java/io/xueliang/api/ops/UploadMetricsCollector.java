package io.xueliang.api.ops;

import static io.xueliang.api.ops.Snapshots.counter;
import static io.xueliang.api.ops.Snapshots.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.storage.blob.UploadMetrics;

/** The S3 tier's uploads ({@code xueliang_upload_*}): how far behind the bucket is and why. */
public final class UploadMetricsCollector implements MultiCollector {
    private final UploadMetrics metrics;

    public UploadMetricsCollector(UploadMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(
                gauge("xueliang_upload_pending", "Finished segments still only on local disk", metrics.pending()),
                gauge("xueliang_upload_failed_rounds", "Upload rounds in a row that found the store away; 0 when the"
                        + " last got through", metrics.consecutiveFailedRounds()),
                counter("xueliang_upload_segments", "Segments stored in the bucket", metrics.uploaded()),
                counter("xueliang_upload_bytes", "Bytes stored in the bucket", metrics.uploadedBytes()),
                counter("xueliang_upload_retriable_failures", "Uploads failed with the store away; retried with backoff",
                        metrics.retriableFailures()),
                counter("xueliang_upload_permanent_failures", "Uploads failed for the file itself; kept locally",
                        metrics.permanentFailures()),
                counter("xueliang_upload_local_delete_failures", "Local copies not deleted after their upload",
                        metrics.localDeleteFailures()));
    }
}
