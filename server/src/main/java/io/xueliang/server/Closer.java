package io.xueliang.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start has opened, in the order it opened it. {@link #close()} closes it in reverse, so that
 * every part stops before the parts it uses (cameras before the recorder they feed, everything before
 * the store). The server's stop and a start that fails half way close through this one list: a part
 * is registered the moment it is opened, and nothing is closed by hand anywhere else.
 */
final class Closer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    /** How one part is closed. */
    @FunctionalInterface
    interface Closing<T> {
        void close(T part) throws Exception;
    }

    private record Entry<T>(String name, T part, Closing<? super T> closing) {
        void close() throws Exception {
            closing.close(part);
        }
    }

    private final Deque<Entry<?>> opened = new ArrayDeque<>();

    /** Registers {@code part}, closed by {@code closing}; returns it. */
    synchronized <T> T add(String name, T part, Closing<? super T> closing) {
        opened.push(new Entry<>(name, part, closing));
        return part;
    }

    /** Registers {@code part}, closed by its {@code close()}; returns it. */
    <T extends AutoCloseable> T add(String name, T part) {
        return add(name, part, AutoCloseable::close);
    }

    /**
     * Closes every part, the last opened first. A part that fails to close is logged with its name and
     * the others still close. A second call finds nothing left.
     */
    @Override
    public void close() {
        closeAll(null);
    }

    /**
     * After a start failed with {@code cause}: closes every part as {@link #close()} does, and attaches
     * what failed to close to {@code cause} instead of logging it, so the one error says it all.
     */
    void closeAfter(Throwable cause) {
        closeAll(cause);
    }

    private synchronized void closeAll(Throwable cause) {
        boolean interrupted = false;
        while (!opened.isEmpty()) {
            Entry<?> entry = opened.pop();
            try {
                entry.close();
            } catch (InterruptedException e) {
                interrupted = true; // the rest still close; the flag is restored below
                failed(entry, e, cause);
            } catch (Exception | LinkageError e) {
                failed(entry, e, cause);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void failed(Entry<?> entry, Throwable e, Throwable cause) {
        if (cause == null) {
            LOG.warn("{} did not close cleanly", entry.name(), e);
        } else {
            cause.addSuppressed(new IllegalStateException(entry.name() + " did not close cleanly", e));
        }
    }
}
