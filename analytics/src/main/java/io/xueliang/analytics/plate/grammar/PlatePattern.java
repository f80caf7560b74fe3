package io.xueliang.analytics.plate.grammar;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plate format of a country without a dedicated grammar.
 *
 * <p>The regex runs over the read after folding and separator handling. Where a separator carries meaning
 * (German plates: {@code B-AB 123} and {@code BA-B 123} are different vehicles) set {@code keepSeparators}: each
 * run of separators becomes one {@code '-'} and the regex must place it. Where separators sit at fixed places
 * (French {@code AB-123-CD}) strip them and let the regex find the groups.
 *
 * @param regex          matched against the whole text
 * @param format         {@link String#format} over the regex's groups giving the normalised text; {@code null}
 *                       for the matched text itself
 * @param alphabet       characters a plate may hold, separators aside
 * @param fixes          look-alike twins to try, character to candidate replacements, applied only where the regex
 *                       needs them, fewest first
 */
public record PlatePattern(String name, Pattern regex, String format, String alphabet, boolean keepSeparators,
                           Map<Character, String> fixes) implements PlateFormat {

    private static final String LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Map<Character, String> LATIN_TWINS = Map.of(
            'O', "0", '0', "O", 'I', "1", '1', "I", 'B', "8", '8', "B", 'Z', "2", '2', "Z", 'S', "5", '5', "S");

    /** Germany (FZV): district 1-3 letters, 1-2 letters, 1-4 digits not starting with 0, E electric or H historic. */
    public static final PlatePattern GERMANY = new PlatePattern("DE",
            Pattern.compile("([A-ZÄÖÜ]{1,3})-([A-Z]{1,2})-?([1-9][0-9]{0,3}[EH]?)"), "%s-%s%s",
            LATIN + "ÄÖÜ", true, LATIN_TWINS);

    /** France (SIV since 2009): AA-123-AA; I, O and U are not used in the letter groups. */
    public static final PlatePattern FRANCE = new PlatePattern("FR",
            Pattern.compile("([A-HJ-NP-TV-Z]{2})([0-9]{3})([A-HJ-NP-TV-Z]{2})"), "%s-%s-%s", LATIN, false, LATIN_TWINS);

    /** United States, California's current passenger sequence: 1 digit, 3 letters, 3 digits. */
    public static final PlatePattern US_CALIFORNIA = new PlatePattern("US-CA",
            Pattern.compile("[1-9][A-Z]{3}[0-9]{3}"), null, LATIN, false, LATIN_TWINS);

    /** Every pattern defined here; the names are what {@code plates.patterns} in the configuration may list. */
    public static final List<PlatePattern> KNOWN = List.of(GERMANY, FRANCE, US_CALIFORNIA);

    /** The known pattern called {@code name}. */
    public static Optional<PlatePattern> named(String name) {
        return KNOWN.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public PlatePattern {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(alphabet, "alphabet");
        fixes = Map.copyOf(fixes);
        if (format != null && regex.matcher("").groupCount() == 0) {
            throw new IllegalArgumentException("pattern " + name + " has a format but its regex has no groups");
        }
    }

    boolean allows(int c) {
        return alphabet.indexOf(c) >= 0;
    }
}
