package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.plate.grammar.RecognisedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CTC prefix beam search that only grows prefixes a Chinese plate can start with (GA 36-2018): a province (or 使),
 * a letter, then letters and digits, a red suffix (学警挂领港澳) only in seventh place, at most eight characters.
 * The most probable complete plate wins; when no beam completes, the most probable prefix is returned and the
 * grammar rejects it.
 *
 * <p>Where best-path decoding drops a faint province or splits one character in two, the search still finds the
 * reading of the right length, and the constrained character's own probability (which is then low) says how sure it
 * is. Separators are decoded as blanks: the grammar would strip them anyway.
 *
 * <p>A character's confidence is the highest probability, renormalised over the allowed classes, that it had in a
 * frame that emitted it.
 */
public final class ChinesePlateCtcDecoder implements CtcDecoder {
    /** Prefixes kept after each frame. */
    static final int BEAM = 12;
    /** Characters tried per frame: the most probable ones of each kind, so a faint province still gets a chance. */
    static final int CANDIDATES = 4;
    private static final int LONGEST = 8;

    private final RecognitionAlphabet alphabet;
    /** Per kind (province and 使, letter, digit, suffix), the classes of that kind. */
    private final int[][] groups;

    public ChinesePlateCtcDecoder(RecognitionAlphabet alphabet) {
        this.alphabet = alphabet;
        this.groups = new int[][] {
            Arrays.stream(alphabet.allowed()).filter(c -> alphabet.kind(c) == RecognitionAlphabet.Kind.PROVINCE
                    || alphabet.codePoint(c) == '使').toArray(),
            Arrays.stream(alphabet.allowed()).filter(c -> alphabet.kind(c) == RecognitionAlphabet.Kind.LETTER).toArray(),
            Arrays.stream(alphabet.allowed()).filter(c -> alphabet.kind(c) == RecognitionAlphabet.Kind.DIGIT).toArray(),
            Arrays.stream(alphabet.allowed()).filter(c -> alphabet.kind(c) == RecognitionAlphabet.Kind.SPECIAL
                    && alphabet.codePoint(c) != '使').toArray()};
    }

    /** A prefix: the class indices emitted, as chars (class indices are below 65,536). */
    private static final class Beam {
        final String prefix;
        double blank;
        double nonBlank;
        final double[] confidence;

        Beam(String prefix, double[] confidence) {
            this.prefix = prefix;
            this.confidence = confidence;
        }

        double total() {
            return blank + nonBlank;
        }
    }

    @Override
    public RecognisedText decode(float[] probabilities, int frames) {
        int classes = alphabet.classes();
        CtcDecoder.checkShape(probabilities, frames, classes);
        int[] allowed = alphabet.allowed();
        double[] q = new double[classes];
        Map<String, Beam> beams = new HashMap<>();
        Beam empty = new Beam("", new double[0]);
        empty.blank = 1;
        beams.put("", empty);
        int[] top = new int[CANDIDATES * groups.length];
        for (int t = 0; t < frames; t++) {
            int row = t * classes;
            double sum = 0;
            for (int c : allowed) {
                sum += probabilities[row + c];
            }
            if (sum <= 0) {
                continue;
            }
            double blank = 0;
            for (int c : allowed) {
                q[c] = probabilities[row + c] / sum;
                if (c == 0 || alphabet.kind(c) == RecognitionAlphabet.Kind.SEPARATOR) {
                    blank += q[c];
                }
            }
            int candidates = 0;
            for (int[] group : groups) {
                candidates += mostProbable(q, group, top, candidates);
            }
            Map<String, Beam> next = new HashMap<>();
            for (Beam beam : beams.values()) {
                Beam stay = next.computeIfAbsent(beam.prefix, p -> new Beam(p, beam.confidence.clone()));
                stay.blank += beam.total() * blank;
                int length = beam.prefix.length();
                int last = length == 0 ? -1 : beam.prefix.charAt(length - 1);
                if (last >= 0) {
                    stay.nonBlank += beam.nonBlank * q[last];
                    mergeConfidence(stay.confidence, beam.confidence);
                    if (beam.nonBlank * q[last] > 0) {
                        stay.confidence[length - 1] = Math.max(stay.confidence[length - 1], q[last]);
                    }
                }
                for (int k = 0; k < candidates; k++) {
                    int c = top[k];
                    if (!canFollow(beam.prefix, c)) {
                        continue;
                    }
                    double p = (c == last ? beam.blank : beam.total()) * q[c];
                    if (p <= 0) {
                        continue;
                    }
                    String extended = beam.prefix + (char) c;
                    Beam grown = next.computeIfAbsent(extended, e -> {
                        double[] conf = Arrays.copyOf(beam.confidence, length + 1);
                        return new Beam(e, conf);
                    });
                    grown.nonBlank += p;
                    mergeConfidence(grown.confidence, beam.confidence);
                    grown.confidence[length] = Math.max(grown.confidence[length], q[c]);
                }
            }
            beams = prune(next);
        }
        Beam best = null;
        Beam bestComplete = null;
        for (Beam beam : beams.values()) {
            if (best == null || beam.total() > best.total()) {
                best = beam;
            }
            if (complete(beam.prefix) && (bestComplete == null || beam.total() > bestComplete.total())) {
                bestComplete = beam;
            }
        }
        Beam chosen = bestComplete != null ? bestComplete : best;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chosen.prefix.length(); i++) {
            text.appendCodePoint(alphabet.codePoint(chosen.prefix.charAt(i)));
        }
        double[] confidences = new double[chosen.prefix.length()];
        for (int i = 0; i < confidences.length; i++) {
            confidences[i] = Math.clamp(chosen.confidence[i], 0.0, 1.0);
        }
        return RecognisedText.of(text.toString(), confidences);
    }

    /** Puts the {@link #CANDIDATES} most probable classes of {@code group} at {@code top[from...]}; answers how many. */
    private static int mostProbable(double[] q, int[] group, int[] top, int from) {
        int n = 0;
        for (int c : group) {
            if (n < CANDIDATES) {
                top[from + n++] = c;
            } else if (q[c] > q[top[from + n - 1]]) {
                top[from + n - 1] = c;
            } else {
                continue;
            }
            for (int i = from + n - 1; i > from && q[top[i]] > q[top[i - 1]]; i--) {
                int swap = top[i];
                top[i] = top[i - 1];
                top[i - 1] = swap;
            }
        }
        return n;
    }

    private static void mergeConfidence(double[] into, double[] from) {
        for (int i = 0; i < from.length && i < into.length; i++) {
            into[i] = Math.max(into[i], from[i]);
        }
    }

    private static Map<String, Beam> prune(Map<String, Beam> next) {
        if (next.size() <= BEAM) {
            return next;
        }
        List<Beam> sorted = new ArrayList<>(next.values());
        sorted.sort(Comparator.comparingDouble(Beam::total).reversed());
        Map<String, Beam> kept = new HashMap<>();
        double scale = sorted.getFirst().total();
        for (Beam beam : sorted.subList(0, BEAM)) {
            // rescale so that long inputs do not underflow
            beam.blank /= scale;
            beam.nonBlank /= scale;
            kept.put(beam.prefix, beam);
        }
        return kept;
    }

    /** Whether class {@code c} may come after {@code prefix} on a Chinese plate. */
    private boolean canFollow(String prefix, int c) {
        int n = prefix.length();
        RecognitionAlphabet.Kind kind = alphabet.kind(c);
        int cp = alphabet.codePoint(c);
        if (n == 0) {
            return kind == RecognitionAlphabet.Kind.PROVINCE || cp == '使';
        }
        boolean letterOrDigit = kind == RecognitionAlphabet.Kind.LETTER || kind == RecognitionAlphabet.Kind.DIGIT;
        if (alphabet.codePoint(prefix.charAt(0)) == '使') {
            return n < 7 && kind == RecognitionAlphabet.Kind.DIGIT;
        }
        if (n == 1) {
            return kind == RecognitionAlphabet.Kind.LETTER;
        }
        if (n < 6) {
            return letterOrDigit;
        }
        if (n == 6) {
            return letterOrDigit || (kind == RecognitionAlphabet.Kind.SPECIAL && cp != '使');
        }
        return n < LONGEST && letterOrDigit && alphabet.kind(prefix.charAt(6)) != RecognitionAlphabet.Kind.SPECIAL;
    }

    private boolean complete(String prefix) {
        return prefix.length() == 7 || (prefix.length() == LONGEST && alphabet.codePoint(prefix.charAt(0)) != '使');
    }
}
