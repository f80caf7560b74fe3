package io.xueliang.storage.blob;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the uploader has done, for the server to export (Prometheus {@code xueliang_blob_upload_*}). Counters only grow;
 * gauges are the latest value. Written by the uploader's thread, read from any.
 */
public final class UploadMetrics {
    private final LongAdder uploaded = new LongAdder();
    private final LongAdder uploadedBytes = new LongAdder();
    private final LongAdder retriableFailures = new LongAdder();
    private final LongAdder permanentFailures = new LongAdder();
    private final LongAdder localDeleteFailures = new LongAdder();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong consecutiveFailedRounds = new AtomicLong();

    /** Files stored remotely and recorded as such (counter). */
    public long uploaded() {
        return uploaded.sum();
    }

    /** Bytes of those files (counter). */
    public long uploadedBytes() {
        return uploadedBytes.sum();
    }

    /** Uploads that failed because the store was away or refused us; the files stay pending (counter). */
    public long retriableFailures() {
        return retriableFailures.sum();
    }

    /** Uploads that failed because of the file itself (missing, damaged); handed to the queue (counter). */
    public long permanentFailures() {
        return permanentFailures.sum();
    }

    /** Local copies that could not be deleted after their upload was recorded (counter). */
    public long localDeleteFailures() {
        return localDeleteFailures.sum();
    }

    /** Files waiting, as the queue last counted them (gauge). */
    public long pending() {
        return pending.get();
    }

    /** Rounds in a row that ended with the store away; 0 when the last round got through (gauge). */
    public long consecutiveFailedRounds() {
        return consecutiveFailedRounds.get();
    }

    void uploaded(long bytes) {
        uploaded.increment();
        uploadedBytes.add(bytes);
    }

    void retriableFailure() {
        retriableFailures.increment();
    }

    void permanentFailure() {
        permanentFailures.increment();
    }

    void localDeleteFailure() {
        localDeleteFailures.increment();
    }

    void pending(long count) {
        pending.set(count);
    }

    void consecutiveFailedRounds(long rounds) {
        consecutiveFailedRounds.set(rounds);
    }

    @Override
    public String toString() {
        return "UploadMetrics[uploaded=" + uploaded() + ", uploadedBytes=" + uploadedBytes() + ", retriableFailures="
                + retriableFailures() + ", permanentFailures=" + permanentFailures() + ", localDeleteFailures="
                + localDeleteFailures() + ", pending=" + pending() + ", consecutiveFailedRounds="
                + consecutiveFailedRounds() + "]";
    }
}
