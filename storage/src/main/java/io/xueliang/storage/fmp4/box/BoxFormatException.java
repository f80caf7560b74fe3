package io.xueliang.storage.fmp4.box;

/** A box that cannot be read: where it is, its type (or "????" when the header itself is unreadable), and why. */
public class BoxFormatException extends RuntimeException {
    private final long offset;
    private final String type;
    private final String problem;

    public BoxFormatException(long offset, String type, String problem) {
        super("'" + type + "' box at " + offset + ": " + problem);
        this.offset = offset;
        this.type = type;
        this.problem = problem;
    }

    public long offset() {
        return offset;
    }

    public String type() {
        return type;
    }

    public String problem() {
        return problem;
    }
}
