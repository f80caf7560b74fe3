package io.xueliang.storage.fmp4;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Fmp4SegmentReader#scan} found in a segment file: the tracks of its init segment and every complete
 * fragment, in file order, up to the first byte that is not part of a complete box.
 *
 * @param source      the segment's name ({@link SegmentSource#name()}): its path or object key
 * @param initEnd     the first byte after {@code moov}, 0 when the file has no complete init segment
 * @param completeEnd the first byte after the last complete fragment (or the init segment): a file cut short by a
 *                    crash is whole up to here
 * @param problem     why the scan stopped before the end of the file, or null when all of it was read
 */
public record ScannedSegment(String source, long fileSize, long initEnd, List<TrackInfo> tracks,
        List<ScannedFragment> fragments, long completeEnd, String problem) {

    public ScannedSegment {
        tracks = List.copyOf(tracks);
        fragments = List.copyOf(fragments);
    }

    /** Where a sample is: the fragment's index in {@link #fragments()} and the sample's in its run. */
    public record SamplePosition(int fragment, int sample, long decodeTime) {
    }

    public boolean hasInit() {
        return initEnd > 0;
    }

    /** Nothing after the last complete box: the file was finished, or a crash happened between two fragments. */
    public boolean isWhole() {
        return hasInit() && problem == null && completeEnd == fileSize;
    }

    public Optional<TrackInfo> videoTrack() {
        return tracks.stream().filter(TrackInfo::isVideo).findFirst();
    }

    public Optional<TrackInfo> track(int trackId) {
        return tracks.stream().filter(t -> t.trackId() == trackId).findFirst();
    }

    public long sampleCount(int trackId) {
        return fragments.stream().mapToLong(f -> f.sampleCount(trackId)).sum();
    }

    /** End of the last sample of the track, in its timescale; 0 without samples. */
    public long endDecodeTime(int trackId) {
        long end = 0;
        for (ScannedFragment f : fragments) {
            Optional<ScannedFragment.Run> r = f.run(trackId);
            if (r.isPresent() && !r.get().samples().isEmpty()) {
                end = r.get().endDecodeTime();
            }
        }
        return end;
    }

    /**
     * The sync sample of the track at or before {@code decodeTime}, where playback asked to start there begins;
     * the first sync sample when {@code decodeTime} is before it; empty when the track has none.
     */
    public Optional<SamplePosition> syncSampleAtOrBefore(int trackId, long decodeTime) {
        SamplePosition found = null;
        for (int f = 0; f < fragments.size(); f++) {
            Optional<ScannedFragment.Run> r = fragments.get(f).run(trackId);
            if (r.isEmpty()) {
                continue;
            }
            List<ScannedSample> samples = r.get().samples();
            for (int s = 0; s < samples.size(); s++) {
                ScannedSample sample = samples.get(s);
                if (!sample.sync()) {
                    continue;
                }
                if (sample.decodeTime() > decodeTime) {
                    return Optional.of(found != null ? found : new SamplePosition(f, s, sample.decodeTime()));
                }
                found = new SamplePosition(f, s, sample.decodeTime());
            }
        }
        return Optional.ofNullable(found);
    }
}
