package io.xueliang.storage.evidence;

import java.util.Set;
import java.util.regex.Pattern;

/** The limits and value rules of the manifest, shared by its records, its parser and the package writer. */
final class ManifestRules {
    /** The manifest's own format name; a verifier refuses any other. */
    static final String FORMAT = "xueliang-evidence/1";
    /** Longest text value, in chars: names, case references and reasons are short; bounds a hostile manifest. */
    static final int MAX_TEXT = 4096;
    static final int MAX_CAMERAS = 10_000;
    static final int MAX_FILES = 10_000;
    /** A day of one-minute segments is 1,440; this leaves room for short segments and long ranges. */
    static final int MAX_SOURCES_PER_FILE = 100_000;
    static final int MAX_REGION_DEPTH = 32;
    /** Names of the package's own entries; no exported file may take one. */
    static final Set<String> RESERVED = Set.of(EvidencePackageWriter.MANIFEST, EvidencePackageWriter.SIGNATURE,
            EvidencePackageWriter.PUBLIC_KEY);
    /** Plain names only: no directories, no leading dot, nothing a shell or an unzip tool would read twice. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ManifestRules() {
    }

    static void text(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " has a lone UTF-16 surrogate: not encodable as UTF-8");
            }
        }
    }

    static void sha256(String what, String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " is not 64 lower-case hex digits: " + value);
        }
    }

    static void fileName(String name) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("file name must be 1-128 of A-Z a-z 0-9 . _ - not starting with . _ -,"
                    + " was " + name);
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("file name " + name + " is the package's own");
        }
    }
}
