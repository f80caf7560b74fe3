package io.xueliang.analytics.plate.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The GA 36-2018 grammar: tries every layout the seen colour allows, fixes look-alike characters only where a
 * position's alphabet requires it, and keeps the layout needing the fewest fixes. When none fits, the rejection
 * is the one from the layout that got furthest.
 */
public final class ChinesePlateGrammar implements PlateGrammar {
    private final GrammarSettings settings;
    private final List<ChineseLayout> layouts;

    public ChinesePlateGrammar(GrammarSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.layouts = ChineseLayout.all(settings.extendedNewEnergySeries());
    }

    @Override
    public PlateVerdict read(RecognisedText raw, PlateColour colour) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(colour, "colour");
        if (raw.length() > settings.maxLength()) {
            return new PlateVerdict.Rejected(RejectionReason.TOO_LONG, -1,
                    raw.length() + " characters, limit " + settings.maxLength());
        }
        PlateCharacters read = PlateCharacters.of(raw, false);
        if (read.length() == 0) {
            return new PlateVerdict.Rejected(RejectionReason.EMPTY, -1, "no characters besides separators");
        }
        List<ChineseLayout> candidates = layouts.stream().filter(l -> l.type().readableFrom(colour)).toList();
        int maxHan = candidates.stream().mapToInt(ChineseLayout::hanCount).max().orElse(0);
        int han = 0;
        for (int i = 0; i < read.length(); i++) {
            if (PlateCharacters.isHan(read.codePoints()[i]) && ++han > maxHan) {
                return new PlateVerdict.Rejected(RejectionReason.TOO_MANY_CHINESE_CHARACTERS, i,
                        "a " + colour + " plate has at most " + maxHan + " Chinese characters");
            }
        }
        List<ChineseLayout> sameLength = candidates.stream().filter(l -> l.length() == read.length()).toList();
        if (sameLength.isEmpty()) {
            TreeSet<Integer> lengths = new TreeSet<>();
            candidates.forEach(l -> lengths.add(l.length()));
            return new PlateVerdict.Rejected(RejectionReason.WRONG_LENGTH, -1,
                    read.length() + " characters; a " + colour + " plate has " + lengths);
        }
        PlateVerdict.Accepted best = null;
        PlateVerdict.Rejected furthest = null;
        for (ChineseLayout layout : sameLength) {
            PlateVerdict verdict = match(layout, read, colour);
            if (verdict instanceof PlateVerdict.Accepted a) {
                if (best == null || a.fixes().size() < best.fixes().size()) {
                    best = a;
                }
            } else if (verdict instanceof PlateVerdict.Rejected r) {
                if (furthest == null || r.position() > furthest.position()) {
                    furthest = r;
                }
            }
        }
        return best != null ? best : furthest;
    }

    private PlateVerdict match(ChineseLayout layout, PlateCharacters read, PlateColour colour) {
        int[] text = new int[read.length()];
        List<CharacterFix> fixes = new ArrayList<>();
        List<Double> confidences = new ArrayList<>(read.length());
        List<Integer> low = new ArrayList<>();
        for (int i = 0; i < text.length; i++) {
            Slot slot = layout.slots().get(i);
            int seen = read.codePoints()[i];
            int accepted = slot.accept(seen);
            if (accepted < 0) {
                return slot.reject(i, seen);
            }
            double confidence = read.confidences()[i];
            if (accepted != seen) {
                fixes.add(new CharacterFix(i, (char) seen, (char) accepted));
                if (fixes.size() > settings.maxFixes()) {
                    return new PlateVerdict.Rejected(RejectionReason.TOO_MANY_FIXES, i,
                            "more than " + settings.maxFixes() + " fixes for " + layout.type() + ": " + fixes);
                }
                confidence *= settings.fixPenalty();
            }
            if (confidence < settings.lowConfidenceBelow()) {
                low.add(i);
            }
            text[i] = accepted;
            confidences.add(confidence);
        }
        PlateColour reported = colour != PlateColour.UNKNOWN ? colour : layout.type().colour();
        return new PlateVerdict.Accepted(new String(text, 0, text.length), layout.type(), reported, fixes,
                confidences, low);
    }
}
