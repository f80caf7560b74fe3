package io.xueliang.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A start could not listen because another process holds the port; the message names the setting
 * that chose it.
 */
final class PortInUseException extends StartRefusedException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String host;
    private final int port;

    PortInUseException(String setting, String host, int port, Throwable cause) {
        super(setting + " " + port + " is in use (another process listens on " + host + ":" + port
                + "; stop it or choose another port)", cause);
        this.setting = setting;
        this.host = host;
        this.port = port;
    }

    /** The setting or option that chose the port: {@code http.port}, {@code --rtsp-port}. */
    String setting() {
        return setting;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The same failure named by another setting (the demo's {@code --http-port} sets {@code http.port}). */
    PortInUseException as(String otherSetting) {
        return new PortInUseException(otherSetting, host, port, getCause());
    }

    /**
     * Whether {@code failure} or one of its causes says the address was in use: a
     * {@link java.net.BindException}, or Netty's native transport's error, which is an
     * {@link java.io.IOException} whose message carries the system's text for EADDRINUSE.
     */
    static boolean causedBy(Throwable failure) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = new HashSet<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause()); // ArrayDeque takes no null: a failure without a cause ended in an NPE here
            }
            todo.addAll(java.util.List.of(t.getSuppressed()));
        }
        return false;
    }
}
