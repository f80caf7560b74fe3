package io.xueliang.storage.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B §3.1.1.2: long enough, and not one an attacker tries first. No
 * composition rules (they mostly make people write passwords down). Refused, with the reason:
 * <ul>
 *   <li>fewer than {@code minLength} or more than {@code maxLength} code points;</li>
 *   <li>a common password ({@code common-passwords.txt}, shipped with the project), or one with digits and symbols
 *       only around a common one ({@code Summer2026!}, {@code dragon123456});</li>
 *   <li>the user name or the product's name, whole, reversed or so decorated;</li>
 *   <li>fewer than {@value #MIN_DISTINCT} different characters, one short run repeated ({@code abcabcabcabc}), or one
 *       step up or down a sequence ({@code 123456789012}, {@code zyxwvutsrqpo}).</li>
 * </ul>
 *
 * @param minLength shortest accepted
 * @param maxLength longest accepted: a limit because every login hashes the whole password, and a megabyte password
 *     would let one request cost more than it should
 */
public record PasswordPolicy(int minLength, int maxLength) {
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(12, 256);
    /** Fewest different characters: {@code aaaaaaaaaaaa} and {@code abababababab} are not passwords. */
    static final int MIN_DISTINCT = 5;
    /** Longest run whose repetition makes a password guessable ({@code 1qaz1qaz1qaz}). */
    private static final int MAX_REPEATED_RUN = 4;
    /** A stem shorter than this is not checked against the list (too many short words would be refused). */
    private static final int MIN_STEM = 4;
    private static final String PRODUCT = "xueliang";

    public PasswordPolicy {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("need 1 <= minLength <= maxLength, not " + minLength + ", " + maxLength);
        }
    }

    /**
     * @param username the account the password is for
     * @throws PasswordPolicyException naming the rule {@code password} breaks
     */
    public void check(String username, String password) {
        if (password == null) {
            throw new PasswordPolicyException("password is required");
        }
        // Cheap bound first: more UTF-16 units than twice the limit cannot be few enough code points.
        int length = password.length() > 2 * maxLength ? Integer.MAX_VALUE
                : password.codePointCount(0, password.length());
        if (length < minLength || length > maxLength) {
            throw new PasswordPolicyException("password must be " + minLength + " to " + maxLength + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String stem = stem(lower);
        if (username != null && !username.isEmpty()) {
            String name = username.toLowerCase(Locale.ROOT);
            if (lower.contains(name) && (stem.equals(name) || lower.equals(name.repeat(lower.length() / name.length()))
                    || stem.replace(name, "").length() < MIN_STEM)) {
                throw new PasswordPolicyException("password must not be the user name, or made of it");
            }
            if (stem.equals(new StringBuilder(name).reverse().toString())) {
                throw new PasswordPolicyException("password must not be the user name reversed");
            }
        }
        if (stem.equals(PRODUCT) || CommonPasswords.SET.contains(lower)
                || (stem.length() >= MIN_STEM && CommonPasswords.SET.contains(stem))) {
            throw new PasswordPolicyException("password is too common: it is among the first an attacker tries");
        }
        if (lower.codePoints().distinct().count() < MIN_DISTINCT || repeated(lower) || sequence(lower)) {
            throw new PasswordPolicyException("password is too simple: a repeated run or a sequence of characters");
        }
    }

    /** The text without the digits and symbols at either end: {@code summer2026!} gives {@code summer}. */
    static String stem(String lower) {
        int from = 0;
        int to = lower.length();
        while (from < to && !Character.isLetter(lower.charAt(from))) {
            from++;
        }
        while (to > from && !Character.isLetter(lower.charAt(to - 1))) {
            to--;
        }
        return lower.substring(from, to);
    }

    /** Whether the text is one run of at most {@value #MAX_REPEATED_RUN} characters repeated (the last copy may be cut). */
    private static boolean repeated(String s) {
        for (int run = 1; run <= MAX_REPEATED_RUN && run < s.length(); run++) {
            boolean all = true;
            for (int i = run; i < s.length() && all; i++) {
                all = s.charAt(i) == s.charAt(i - run);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Whether every character is one step up, or every one a step down, from the one before (digits wrap 9-0). */
    private static boolean sequence(String s) {
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < s.length(); i++) {
            char a = s.charAt(i - 1);
            char b = s.charAt(i);
            up &= b == a + 1 || (a == '9' && b == '0');
            down &= b == a - 1 || (a == '0' && b == '9');
        }
        return up || down;
    }

    /** The shipped list, read once when first needed. */
    private static final class CommonPasswords {
        static final Set<String> SET = load();

        private static Set<String> load() {
            Set<String> set = new HashSet<>(65_536);
            try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
                if (in == null) {
                    throw new IllegalStateException("common-passwords.txt is missing from the build");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        set.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return set;
        }
    }
}
