package io.xueliang.analytics.plate.grammar;

/**
 * Tuning of a plate grammar. The defaults are starting points to be tuned on the plates-dev set.
 *
 * @param lowConfidenceBelow       characters whose (adjusted) confidence is below this are reported
 * @param fixPenalty               a fixed character's confidence is multiplied by this: the recogniser did not
 *                                 see the character the grammar chose
 * @param maxFixes                 a read needing more fixes than this is rejected, it is more likely noise
 * @param maxLength                longest read looked at; bounds the work of a runaway decode
 * @param extendedNewEnergySeries  accept the later small new-energy series letters A B C E (pure electric) and
 *                                 G H J K (other) besides D and F, issued where D and F ran out
 */
public record GrammarSettings(double lowConfidenceBelow, double fixPenalty, int maxFixes, int maxLength,
                              boolean extendedNewEnergySeries) {

    public static final GrammarSettings DEFAULTS = new GrammarSettings(0.6, 0.8, 3, 32, true);

    public GrammarSettings {
        if (!(lowConfidenceBelow >= 0 && lowConfidenceBelow <= 1)) {
            throw new IllegalArgumentException("lowConfidenceBelow " + lowConfidenceBelow + " outside [0, 1]");
        }
        if (!(fixPenalty >= 0 && fixPenalty <= 1)) {
            throw new IllegalArgumentException("fixPenalty " + fixPenalty + " outside [0, 1]");
        }
        if (maxFixes < 0 || maxFixes > 8) {
            throw new IllegalArgumentException("maxFixes " + maxFixes + " outside [0, 8]");
        }
        if (maxLength < 1 || maxLength > 64) {
            throw new IllegalArgumentException("maxLength " + maxLength + " outside [1, 64]");
        }
    }
}
