package io.xueliang.storage.audit;

import io.xueliang.storage.signing.Ed25519KeyFile;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed statement, kept outside the database, that the audit chain had record {@code seq} with hash {@code hash}
 * at time {@code at}. The chain's hashes tie every earlier record to that one, so a checkpoint vouches for records
 * 1..seq: cutting the tail or rewriting any of them and recomputing the chain no longer matches it.
 *
 * <p>One checkpoint is one line of ASCII text; the signature (Ed25519, RFC 8032, base64) covers the exact bytes of
 * the line before {@code " sig="}:
 *
 * <pre>
 *   xueliang-audit-checkpoint-1 kind=head seq=1042 hash=&lt;64 hex&gt; at=2026-11-22T08:05:00.123456Z sig=&lt;88 base64&gt;
 *   xueliang-audit-checkpoint-1 kind=base seq=900 hash=… at=… archive=audit-1-900.jsonl sha256=&lt;64 hex&gt; sig=…
 * </pre>
 *
 * @param kind what the checkpoint states
 * @param seq the record vouched for; at least 1
 * @param hash that record's hash, lower-case hex
 * @param at when the checkpoint was made, to the microsecond
 * @param archive for {@link Kind#BASE}: the archive file holding the records up to {@code seq}; else null
 * @param archiveSha256 for {@link Kind#BASE}: that file's SHA-256, lower-case hex; else null
 */
public record AuditCheckpoint(Kind kind, long seq, String hash, Instant at, String archive, String archiveSha256) {
    /** First word of every line; a later format gets another number. */
    public static final String MAGIC = "xueliang-audit-checkpoint-1";
    /** Longest line read: a checkpoint is about 230 characters; prevents reading a huge "line" whole. */
    public static final int MAX_LINE = 1024;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ARCHIVE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern LINE = Pattern.compile(Pattern.quote(MAGIC)
            + " kind=([a-z]+) seq=([1-9][0-9]{0,18}) hash=([0-9a-f]{64}) at=([0-9T:.Z-]{20,30})"
            + "(?: archive=([A-Za-z0-9][A-Za-z0-9._-]{0,127}) sha256=([0-9a-f]{64}))? sig=([A-Za-z0-9+/]{86}==)");

    /** What a checkpoint states. */
    public enum Kind {
        /** The chain's head when the checkpoint was made. */
        HEAD,
        /** Records up to {@code seq} are archived (in {@code archive}) and deleted; the chain continues after it. */
        BASE;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AuditCheckpoint {
        if (kind == null || hash == null || at == null) {
            throw new IllegalArgumentException("kind, hash and at are required");
        }
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        if (!HEX64.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex digits, was " + hash);
        }
        at = at.truncatedTo(ChronoUnit.MICROS);
        if (kind == Kind.BASE) {
            if (archive == null || !ARCHIVE_NAME.matcher(archive).matches() || archiveSha256 == null
                    || !HEX64.matcher(archiveSha256).matches()) {
                throw new IllegalArgumentException("a base checkpoint names its archive file and its SHA-256");
            }
        } else if (archive != null || archiveSha256 != null) {
            throw new IllegalArgumentException("only a base checkpoint names an archive");
        }
    }

    /** A checkpoint of the chain's head. */
    public static AuditCheckpoint head(long seq, String hash, Instant at) {
        return new AuditCheckpoint(Kind.HEAD, seq, hash, at, null, null);
    }

    /** The bytes the signature covers. */
    public byte[] signedText() {
        return (MAGIC + " kind=" + kind.wireName() + " seq=" + seq + " hash=" + hash + " at=" + at
                + (kind == Kind.BASE ? " archive=" + archive + " sha256=" + archiveSha256 : ""))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The line for the checkpoint file (without the newline), signed with {@code key}. */
    public String line(Ed25519KeyFile key) {
        byte[] text = signedText();
        return new String(text, StandardCharsets.US_ASCII) + " sig=" + Base64.getEncoder().encodeToString(key.sign(text));
    }

    /** A line as read back: the checkpoint it states and whether its signature verified. */
    public record Signed(AuditCheckpoint checkpoint, byte[] signedText, byte[] signature) {
        public boolean verifiesWith(PublicKey key) {
            return Ed25519KeyFile.verifies(key, signedText, signature);
        }
    }

    /**
     * Reads one line of the checkpoint file.
     *
     * @throws IllegalArgumentException naming what is wrong when {@code line} is not a checkpoint
     */
    public static Signed parse(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("longer than " + MAX_LINE + " characters");
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not of the form " + MAGIC + " kind=... seq=... hash=... at=..."
                    + " [archive=... sha256=...] sig=...");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind " + m.group(1));
        }
        long seq;
        Instant at;
        try {
            seq = Long.parseLong(m.group(2));
            at = Instant.parse(m.group(4));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("bad seq or time (" + e.getMessage() + ")");
        }
        AuditCheckpoint checkpoint = new AuditCheckpoint(kind, seq, m.group(3), at, m.group(5), m.group(6));
        byte[] signed = line.substring(0, m.start(7) - " sig=".length()).getBytes(StandardCharsets.US_ASCII);
        return new Signed(checkpoint, signed, Base64.getDecoder().decode(m.group(7)));
    }
}
