package io.xueliang.ingest.sip.transaction;

import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.media.ManualScheduler;
import java.util.ArrayList;
import java.util.List;

/** A flow that keeps what was sent and when, in the manual scheduler's time. */
final class RecordingFlow implements SipFlow {
    record Sent(long atMillis, SipMessage message) {
        String describe() {
            return switch (message) {
                case SipRequest r -> atMillis + " " + r.method();
                case SipResponse r -> atMillis + " " + r.status();
            };
        }
    }

    private final ManualScheduler scheduler;
    private final boolean reliable;
    private final long startNanos;
    final List<Sent> sent = new ArrayList<>();

    RecordingFlow(ManualScheduler scheduler, boolean reliable) {
        this.scheduler = scheduler;
        this.reliable = reliable;
        this.startNanos = scheduler.nanoTime();
    }

    @Override
    public void send(SipMessage message) {
        sent.add(new Sent((scheduler.nanoTime() - startNanos) / 1_000_000, message));
    }

    @Override
    public boolean reliable() {
        return reliable;
    }

    List<String> log() {
        return sent.stream().map(Sent::describe).toList();
    }

    List<Long> times() {
        return sent.stream().map(Sent::atMillis).toList();
    }
}
