package io.xueliang.analytics.plate.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Matches reads against configured {@link PlatePattern}s. For each pattern it looks for the fewest look-alike
 * fixes (none first, then one, up to the configured most) that make the regex match; the pattern needing fewest
 * wins, ties going to the earlier pattern. The plate colour is not used.
 */
public final class PatternPlateGrammar implements PlateGrammar {
    private final List<PlatePattern> patterns;
    private final GrammarSettings settings;

    public PatternPlateGrammar(List<PlatePattern> patterns, GrammarSettings settings) {
        this.patterns = List.copyOf(patterns);
        this.settings = Objects.requireNonNull(settings, "settings");
        if (this.patterns.isEmpty()) {
            throw new IllegalArgumentException("no plate patterns");
        }
    }

    @Override
    public PlateVerdict read(RecognisedText raw, PlateColour colour) {
        if (raw.length() > settings.maxLength()) {
            return new PlateVerdict.Rejected(RejectionReason.TOO_LONG, -1,
                    raw.length() + " characters, limit " + settings.maxLength());
        }
        PlateVerdict.Accepted best = null;
        PlateVerdict.Rejected first = null;
        for (PlatePattern pattern : patterns) {
            PlateVerdict verdict = match(pattern, PlateCharacters.of(raw, pattern.keepSeparators()), colour);
            if (verdict instanceof PlateVerdict.Accepted a && (best == null || a.fixes().size() < best.fixes().size())) {
                best = a;
            } else if (verdict instanceof PlateVerdict.Rejected r && first == null) {
                first = r;
            }
        }
        if (best != null) {
            return best;
        }
        if (first.reason() == RejectionReason.EMPTY) {
            return first;
        }
        List<String> names = patterns.stream().map(PlatePattern::name).toList();
        return new PlateVerdict.Rejected(RejectionReason.NO_PATTERN_MATCHES, -1,
                "'" + raw.text() + "' matches none of " + names + " with at most " + settings.maxFixes() + " fixes");
    }

    private PlateVerdict match(PlatePattern pattern, PlateCharacters read, PlateColour colour) {
        int[] text = read.codePoints().clone();
        if (text.length == 0) {
            return new PlateVerdict.Rejected(RejectionReason.EMPTY, -1, "no characters besides separators");
        }
        for (int budget = 0; budget <= settings.maxFixes(); budget++) {
            if (search(pattern, text, 0, budget)) {
                return accepted(pattern, read, text, colour);
            }
        }
        return new PlateVerdict.Rejected(RejectionReason.NO_PATTERN_MATCHES, -1, pattern.name());
    }

    /** Depth-first over the positions, keeping each character before trying its twins; {@code text} holds the match. */
    private static boolean search(PlatePattern pattern, int[] text, int from, int budget) {
        if (budget == 0 || from == text.length) {
            return matches(pattern, text);
        }
        if (search(pattern, text, from + 1, budget)) {
            return true;
        }
        int seen = text[from];
        String twins = seen <= Character.MAX_VALUE ? pattern.fixes().get((char) seen) : null;
        if (twins != null) {
            for (int t = 0; t < twins.length(); t++) {
                if (pattern.allows(twins.charAt(t))) {
                    text[from] = twins.charAt(t);
                    if (search(pattern, text, from + 1, budget - 1)) {
                        return true;
                    }
                }
            }
            text[from] = seen;
        }
        return false;
    }

    private static boolean matches(PlatePattern pattern, int[] text) {
        for (int c : text) {
            if (c != PlateCharacters.SEPARATOR && !pattern.allows(c)) {
                return false;
            }
        }
        return pattern.regex().matcher(new String(text, 0, text.length)).matches();
    }

    private PlateVerdict.Accepted accepted(PlatePattern pattern, PlateCharacters read, int[] text, PlateColour colour) {
        List<CharacterFix> fixes = new ArrayList<>();
        List<Double> confidences = new ArrayList<>();
        List<Integer> low = new ArrayList<>();
        int position = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == PlateCharacters.SEPARATOR) {
                continue;
            }
            double confidence = read.confidences()[i];
            if (text[i] != read.codePoints()[i]) {
                fixes.add(new CharacterFix(position, (char) read.codePoints()[i], (char) text[i]));
                confidence *= settings.fixPenalty();
            }
            if (confidence < settings.lowConfidenceBelow()) {
                low.add(position);
            }
            confidences.add(confidence);
            position++;
        }
        String matched = new String(text, 0, text.length);
        String normalised = matched;
        if (pattern.format() != null) {
            Matcher m = pattern.regex().matcher(matched);
            m.matches();
            Object[] groups = new Object[m.groupCount()];
            for (int g = 0; g < groups.length; g++) {
                groups[g] = m.group(g + 1) == null ? "" : m.group(g + 1);
            }
            normalised = String.format(pattern.format(), groups);
        }
        return new PlateVerdict.Accepted(normalised, pattern, colour, fixes, confidences, low);
    }
}
