package io.xueliang.ingest.sdp;

import io.xueliang.ingest.wire.WireText;

/** An SDP that breaks a limit or has an unparseable line the client needs. */
public final class SdpParseException extends Exception {
    private final int lineNumber;
    private final String line;

    public SdpParseException(String problem, int lineNumber, String line) {
        super(problem + " at line " + lineNumber + (line == null ? "" : ": '" + WireText.escape(cut(line)) + "'"));
        this.lineNumber = lineNumber;
        this.line = line == null ? null : cut(line);
    }

    /** 1-based; 0 when the problem is the whole description. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line cut to 200 characters, or null. */
    public String line() {
        return line;
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
