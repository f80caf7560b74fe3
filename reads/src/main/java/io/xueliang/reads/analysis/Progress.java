package io.xueliang.reads.analysis;

/** How far an analysis has come, and whether its caller still wants it. */
public interface Progress {
    /** A progress nobody watches and nobody cancels. */
    Progress NONE = new Progress() {
        @Override
        public void done(double fraction) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** The fraction of the work done, 0..1. */
    void done(double fraction);

    /** Whether the caller gave up: the analysis stops at its next check. */
    boolean cancelled();

    /** Throws {@link java.util.concurrent.CancellationException} when cancelled. */
    default void check() {
        if (cancelled()) {
            throw new java.util.concurrent.CancellationException("analysis cancelled");
        }
    }
}
