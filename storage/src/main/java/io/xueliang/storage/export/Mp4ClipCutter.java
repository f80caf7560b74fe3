package io.xueliang.storage.export;

import io.xueliang.storage.fmp4.SegmentSource;
import io.xueliang.storage.playback.ExportPlan;
import io.xueliang.storage.playback.NothingRecordedException;
import io.xueliang.storage.playback.RangeSelection;
import io.xueliang.storage.playback.RangeSelector;
import io.xueliang.storage.playback.RangeSettings;
import io.xueliang.storage.playback.SourceSegment;
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.SegmentSources;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts exports with {@link RangeSelector} and {@link ExportPlan}: a plain MP4 with an edit list starting at the
 * asked instant; where the range stops (new parameter sets, a limit) the next file resumes exactly there.
 */
public final class Mp4ClipCutter implements ClipCutter {
    /** Files per camera and export: bounds a range in which a camera changed its stream again and again. */
    static final int MAX_PARTS = 64;

    private final SegmentSources sources;

    public Mp4ClipCutter(SegmentSources sources) {
        this.sources = sources;
    }

    @Override
    public List<Clip> cut(List<RecordedSegment> segments, Instant from, Instant to, Path directory, String baseName)
            throws IOException {
        Map<SegmentSource, RecordedSegment> byBytes = new IdentityHashMap<>();
        List<SourceSegment> ordered = new ArrayList<>();
        for (RecordedSegment s : segments) {
            SourceSegment source = new SourceSegment(s.start(), sources.of(s));
            byBytes.put(source.source(), s);
            ordered.add(source);
        }
        List<Clip> clips = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(to) && clips.size() < MAX_PARTS) {
            RangeSelection selection = RangeSelector.select(ordered, start, to, RangeSettings.export());
            if (selection.isEmpty()) {
                break;
            }
            String name = baseName + (clips.isEmpty() ? "" : "-" + (clips.size() + 1)) + ".mp4";
            Path file = directory.resolve(name);
            try {
                ExportPlan.of(selection).writeTo(file);
            } catch (NothingRecordedException e) {
                break;
            }
            clips.add(new Clip(name, file, selection.sources().stream().map(byBytes::get).toList()));
            if (selection.stop().isEmpty()) {
                break;
            }
            start = selection.stop().get().resumeFrom();
        }
        return clips;
    }
}
