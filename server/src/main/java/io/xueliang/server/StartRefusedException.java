package io.xueliang.server;

/**
 * A start refused for a reason the operator fixes outside xueliang (a port or a store another
 * process holds). The command prints the message as one line, without a stack trace, and exits
 * with {@link #EXIT_CODE}; everything the start had opened is closed by then.
 */
abstract class StartRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The exit code of a refused start (2 is a configuration error). */
    static final int EXIT_CODE = 3;

    StartRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
