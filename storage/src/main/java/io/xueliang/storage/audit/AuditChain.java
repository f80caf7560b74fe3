package io.xueliang.storage.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash that chains audit records. Each field is written in a fixed order with its length in front, so no two
 * different records encode to the same bytes (no separator can be forged inside a field):
 *
 * <pre>
 *   "xueliang-audit-1"            16 bytes ASCII (format version)
 *   seq                            int64
 *   prevHash                       32 bytes (raw SHA-256)
 *   at: epoch seconds, nanos       int64, int32
 *   actor                          str
 *   roles                          int32 count, str × count
 *   sourceAddress                  str
 *   action                         str
 *   parameters                     int32 count, (str name, str value) × count, in name order
 *   purpose                        opt
 *   caseReference                  opt
 *   resultCount                    int64
 *   outcome                        int32
 *
 *   str = int32 byte length, UTF-8 bytes     opt = 0x00 (null) | 0x01 str     integers big-endian
 * </pre>
 *
 * hash = SHA-256 of that. Seq and prevHash are inside, so a record moved to another place in the chain no longer
 * matches its hash, and changing any record breaks the prevHash of the one after it.
 */
public final class AuditChain {
    /** prevHash of record 1: 32 zero bytes. */
    public static final String GENESIS_PREV_HASH = "0".repeat(64);
    private static final byte[] MAGIC = "xueliang-audit-1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** The hex hash of {@code entry} placed at {@code seq} after a record whose hash is {@code prevHash}. */
    public static String hash(long seq, String prevHash, AuditEntry entry) {
        byte[] prev = HEX.parseHex(prevHash);
        if (prev.length != 32) {
            throw new IllegalArgumentException("prevHash must be 32 bytes of hex, was " + prevHash);
        }
        Encoder out = new Encoder();
        out.bytes(MAGIC);
        out.int64(seq);
        out.bytes(prev);
        out.int64(entry.at().getEpochSecond());
        out.int32(entry.at().getNano());
        out.str(entry.actor());
        out.int32(entry.roles().size());
        entry.roles().forEach(out::str);
        out.str(entry.sourceAddress());
        out.str(entry.action());
        out.int32(entry.parameters().size());
        for (Map.Entry<String, String> p : entry.parameters().entrySet()) {
            out.str(p.getKey());
            out.str(p.getValue());
        }
        out.opt(entry.purpose());
        out.opt(entry.caseReference());
        out.int64(entry.resultCount());
        out.int32(entry.outcome());
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static final class Encoder extends ByteArrayOutputStream {
        Encoder() {
            super(256);
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void int32(int v) {
            bytes(ByteBuffer.allocate(4).putInt(v).array());
        }

        void int64(long v) {
            bytes(ByteBuffer.allocate(8).putLong(v).array());
        }

        void str(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            bytes(utf8);
        }

        void opt(String s) {
            if (s == null) {
                write(0);
            } else {
                write(1);
                str(s);
            }
        }
    }
}
