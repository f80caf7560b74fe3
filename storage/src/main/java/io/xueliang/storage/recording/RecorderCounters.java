package io.xueliang.storage.recording;

import java.util.concurrent.atomic.LongAdder;

/** What one camera's recorder has done since start, for metrics ({@code xueliang_recording_*}). */
final class RecorderCounters {
    final LongAdder units = new LongAdder();
    final LongAdder droppedUnits = new LongAdder();
    final LongAdder segments = new LongAdder();
    final LongAdder fragments = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder clockSteps = new LongAdder();
    final LongAdder rotationsDeferred = new LongAdder();
    final LongAdder writeFailures = new LongAdder();
}
