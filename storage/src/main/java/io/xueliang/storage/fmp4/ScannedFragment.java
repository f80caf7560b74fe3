package io.xueliang.storage.fmp4;

import java.util.List;
import java.util.Optional;

/**
 * One complete fragment of a segment file: its {@code moof} and the {@code mdat} that follows.
 *
 * @param offset    where it starts (its {@code prft} if it has one, else its {@code moof})
 * @param end       the first byte after its {@code mdat}
 * @param reference its {@code prft}, or null
 * @param runs      the samples of each track, in {@code traf} order
 */
public record ScannedFragment(long sequence, long offset, long end, ProducerReference reference,
        List<Run> runs) {

    public ScannedFragment {
        runs = List.copyOf(runs);
    }

    /** The samples of one track in this fragment. */
    public record Run(int trackId, List<ScannedSample> samples) {
        public Run {
            samples = List.copyOf(samples);
        }

        public long startDecodeTime() {
            return samples.isEmpty() ? 0 : samples.get(0).decodeTime();
        }

        public long endDecodeTime() {
            if (samples.isEmpty()) {
                return 0;
            }
            ScannedSample last = samples.get(samples.size() - 1);
            return last.decodeTime() + last.duration();
        }
    }

    public Optional<Run> run(int trackId) {
        return runs.stream().filter(r -> r.trackId() == trackId).findFirst();
    }

    public int sampleCount(int trackId) {
        return run(trackId).map(r -> r.samples().size()).orElse(0);
    }
}
