package io.xueliang.ingest.mansrtsp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One playback control of MANSRTSP (GB/T 28181-2016 Appendix B), as a superior platform sends it in a SIP INFO:
 * <pre>
 *  PLAY MANSRTSP/1.0          PAUSE MANSRTSP/1.0        PLAY MANSRTSP/1.0        TEARDOWN MANSRTSP/1.0
 *  CSeq: 2                    CSeq: 3                   CSeq: 4                  CSeq: 5
 *  Scale: 2.0                 PauseTime: now            Range: npt=120-
 * </pre>
 * PLAY resumes, and with {@code Scale} changes the speed (0.25-8, GB lists 0.25 to 4; a negative scale, reverse play,
 * is refused), and with {@code Range: npt=N-} seeks to N seconds after the start of the call's range
 * ({@code npt=now-} is a plain resume). PAUSE pauses; TEARDOWN ends the stream as a BYE would.
 *
 * @param seekSeconds where a PLAY seeks to, seconds after the call's start; empty: no seek
 */
public record MansrtspRequest(Method method, long cseq, OptionalDouble scale, OptionalDouble seekSeconds) {
    /** A MANSRTSP body is a few lines. */
    public static final int MAX_BYTES = 1024;
    public static final double MIN_SCALE = 0.25;
    public static final double MAX_SCALE = 8;

    public enum Method { PLAY, PAUSE, TEARDOWN }

    /** Reads an INFO body. */
    public static MansrtspRequest parse(byte[] body) throws MansrtspException {
        if (body.length == 0 || body.length > MAX_BYTES) {
            throw new MansrtspException("a MANSRTSP body must be 1-" + MAX_BYTES + " bytes, got " + body.length);
        }
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n");
        String[] start = lines[0].strip().split(" +");
        if (start.length != 2 || !start[1].equalsIgnoreCase("MANSRTSP/1.0")) {
            throw new MansrtspException("not a MANSRTSP request line: " + printable(lines[0]));
        }
        Method method;
        try {
            method = Method.valueOf(start[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MansrtspException("unknown MANSRTSP method " + printable(start[0]));
        }
        long cseq = -1;
        OptionalDouble scale = OptionalDouble.empty();
        OptionalDouble seek = OptionalDouble.empty();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            switch (name) {
                case "cseq" -> cseq = number(value, "CSeq");
                case "scale" -> scale = OptionalDouble.of(scale(value));
                case "range" -> seek = range(value);
                default -> { }
            }
        }
        if (cseq < 0) {
            throw new MansrtspException("CSeq missing");
        }
        return new MansrtspRequest(method, cseq, scale, seek);
    }

    /** A PAUSE, as a platform sends it. */
    public static MansrtspRequest pause(long cseq) {
        return new MansrtspRequest(Method.PAUSE, cseq, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** A PLAY at {@code scale}, resuming from where it paused. */
    public static MansrtspRequest play(long cseq, double scale) {
        return new MansrtspRequest(Method.PLAY, cseq, OptionalDouble.of(scale), OptionalDouble.empty());
    }

    /** A PLAY from {@code seconds} after the start of the call's range. */
    public static MansrtspRequest seek(long cseq, double seconds) {
        return new MansrtspRequest(Method.PLAY, cseq, OptionalDouble.empty(), OptionalDouble.of(seconds));
    }

    /** This request as the body of an INFO. */
    public byte[] write() {
        StringBuilder b = new StringBuilder().append(method).append(" MANSRTSP/1.0\r\nCSeq: ").append(cseq)
                .append("\r\n");
        switch (method) {
            case PAUSE -> b.append("PauseTime: now\r\n");
            case PLAY -> {
                b.append("Range: npt=").append(seekSeconds.isPresent()
                        ? String.format(Locale.ROOT, "%.3f", seekSeconds.getAsDouble()) : "now").append("-\r\n");
                scale.ifPresent(s -> b.append("Scale: ").append(String.format(Locale.ROOT, "%.2f", s))
                        .append("\r\n"));
            }
            case TEARDOWN -> { }
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The body of the answer, carried in the SIP 200. */
    public byte[] ok() {
        return ("MANSRTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static long number(String value, String header) throws MansrtspException {
        try {
            long n = Long.parseLong(value);
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MansrtspException(header + " must be a number, got " + printable(value));
        }
    }

    private static double scale(String value) throws MansrtspException {
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new MansrtspException("Scale must be a number, got " + printable(value));
        }
        if (!(s >= MIN_SCALE && s <= MAX_SCALE)) {
            throw new MansrtspException("Scale must be " + MIN_SCALE + "-" + MAX_SCALE + ", got " + printable(value));
        }
        return s;
    }

    /** {@code npt=now-}: none; {@code npt=N-} or {@code npt=N-M}: N seconds. */
    private static OptionalDouble range(String value) throws MansrtspException {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.startsWith("npt=")) {
            throw new MansrtspException("Range must be npt=, got " + printable(value));
        }
        String from = v.substring(4).split("-", 2)[0].strip();
        if (from.equals("now") || from.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double n = Double.parseDouble(from);
            if (!(n >= 0 && n < 366 * 86_400)) {
                throw new NumberFormatException();
            }
            return OptionalDouble.of(n);
        } catch (NumberFormatException e) {
            throw new MansrtspException("Range npt must be seconds or now, got " + printable(value));
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
