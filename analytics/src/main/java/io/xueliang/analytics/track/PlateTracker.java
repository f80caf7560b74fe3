package io.xueliang.analytics.track;

import io.xueliang.analytics.image.Box;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Follows the plates of one camera from frame to frame and reports one {@link PlatePass} per vehicle when its track
 * ends. Not thread-safe: one per camera, fed by that camera's reader in frame order.
 *
 * <p>Each {@link #update} predicts every track to the frame's time, then associates in two greedy rounds (a handful
 * of plates per frame does not need the Hungarian method): first by overlap of predicted and observed boxes, best
 * first, refusing pairs whose texts are clearly different plates; then, for what is left, by (almost) the same text
 * within a radius, because at 5 fps a young track has no velocity yet and a near plate jumps by more than its height.
 * Call {@code update} for every sampled frame, with no observations when none were read (motion gate, no plate):
 * that is how tracks age and end.
 */
public final class PlateTracker {
    private final TrackerSettings settings;
    private final List<PlateTrack> tracks = new ArrayList<>();
    private long nextId = 1;
    private long passes;
    private long droppedTracks;
    private long ignoredObservations;

    public PlateTracker(TrackerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Takes the reads of one frame taken at {@code time}; returns the passes of the tracks that ended, by track id.
     */
    public List<PlatePass> update(Instant time, List<PlateObservation> observations) {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(observations, "observations");
        for (PlateTrack track : tracks) {
            track.predict(time);
        }
        PlateTrack[] owner = associate(observations);

        Set<PlateTrack> seen = new HashSet<>();
        for (int o = 0; o < observations.size(); o++) {
            PlateObservation observation = observations.get(o);
            if (owner[o] != null) {
                owner[o].add(time, observation, settings.triggerLine());
                seen.add(owner[o]);
            } else if (tracks.size() < settings.maxTracks()) {
                PlateTrack track = new PlateTrack(nextId++, time, observation, settings.maxReadsPerTrack());
                tracks.add(track);
                seen.add(track);
            } else {
                ignoredObservations++;
            }
        }

        List<PlatePass> ended = new ArrayList<>();
        for (Iterator<PlateTrack> it = tracks.iterator(); it.hasNext(); ) {
            PlateTrack track = it.next();
            if (!seen.contains(track) && track.miss(time, settings.maxAge(), settings.maxMissedUpdates())) {
                it.remove();
                end(track, ended);
            }
        }
        return ended;
    }

    /**
     * Ends every open track (the camera stops) and returns their passes, by track id; {@code now} is the stop time,
     * kept for the record (a flushed pass's time is still its crossing or its best read).
     */
    public List<PlatePass> flush(Instant now) {
        Objects.requireNonNull(now, "now");
        List<PlatePass> ended = new ArrayList<>();
        for (PlateTrack track : tracks) {
            end(track, ended);
        }
        tracks.clear();
        return ended;
    }

    /** Tracks open now. */
    public int openTracks() {
        return tracks.size();
    }

    /** Passes reported so far. */
    public long passes() {
        return passes;
    }

    /** Tracks that ended too short and too unsure to be a pass. */
    public long droppedTracks() {
        return droppedTracks;
    }

    /** Observations ignored because {@link TrackerSettings#maxTracks()} tracks were open. */
    public long ignoredObservations() {
        return ignoredObservations;
    }

    /** Reads kept for voting across the open tracks (memory bound checks). */
    int retainedReads() {
        return tracks.stream().mapToInt(PlateTrack::retainedReads).sum();
    }

    private void end(PlateTrack track, List<PlatePass> ended) {
        PlatePass pass = track.pass();
        if (track.hits() < settings.minHits() && pass.confidence() < settings.loneReadConfidence()) {
            droppedTracks++;
            return;
        }
        passes++;
        ended.add(pass);
    }

    private record Pair(int track, int observation, double cost) {
    }

    /** For each observation, the track it continues, or null. */
    private PlateTrack[] associate(List<PlateObservation> observations) {
        int t = tracks.size();
        int n = observations.size();
        PlateTrack[] owner = new PlateTrack[n];
        boolean[] trackTaken = new boolean[t];
        PlateRead[] reads = new PlateRead[n];
        for (int o = 0; o < n; o++) {
            reads[o] = PlateRead.of(observations.get(o).verdict());
        }

        List<Pair> overlapping = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            Box predicted = tracks.get(i).predicted();
            PlateRead trackRead = tracks.get(i).lastRead();
            for (int o = 0; o < n; o++) {
                double iou = predicted.iou(observations.get(o).box());
                if (iou >= settings.matchIou() && !differentPlates(trackRead, reads[o])) {
                    overlapping.add(new Pair(i, o, -iou));
                }
            }
        }
        take(overlapping, owner, trackTaken);

        List<Pair> sameText = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            if (trackTaken[i]) {
                continue;
            }
            Box predicted = tracks.get(i).predicted();
            PlateRead trackRead = tracks.get(i).lastRead();
            for (int o = 0; o < n; o++) {
                if (owner[o] != null) {
                    continue;
                }
                Box box = observations.get(o).box();
                int edits = PlateRead.editDistance(trackRead.codePoints(), reads[o].codePoints(),
                        settings.textMatchMaxEdits());
                double distance = Math.hypot(predicted.centreX() - box.centreX(), predicted.centreY() - box.centreY());
                double radius = settings.textMatchRadius() * Math.max(predicted.width(), box.width());
                if (edits <= settings.textMatchMaxEdits() && distance <= radius) {
                    // fewer edits first, then nearer: the cost orders by edits, distance breaks ties within
                    sameText.add(new Pair(i, o, edits + distance / (radius + 1) / 2));
                }
            }
        }
        take(sameText, owner, trackTaken);
        return owner;
    }

    private void take(List<Pair> pairs, PlateTrack[] owner, boolean[] trackTaken) {
        pairs.sort(Comparator.comparingDouble(Pair::cost).thenComparingInt(Pair::track)
                .thenComparingInt(Pair::observation));
        for (Pair pair : pairs) {
            if (!trackTaken[pair.track()] && owner[pair.observation()] == null) {
                trackTaken[pair.track()] = true;
                owner[pair.observation()] = tracks.get(pair.track());
            }
        }
    }

    /** More than half the characters differ: however the boxes overlap, this is another vehicle. */
    private static boolean differentPlates(PlateRead a, PlateRead b) {
        int limit = Math.max(a.length(), b.length()) / 2;
        return PlateRead.editDistance(a.codePoints(), b.codePoints(), limit) > limit;
    }
}
