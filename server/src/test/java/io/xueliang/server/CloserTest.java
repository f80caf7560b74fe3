package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable part(String name) {
        return () -> closed.add(name);
    }

    @Test
    void closesInReverseOrderOfOpeningAndOnlyOnce() {
        Closer closer = new Closer();
        closer.add("store", part("store"));
        closer.add("recorder", part("recorder"));
        closer.add("ingest", "cameras", c -> closed.add("ingest"));
        closer.close();
        closer.close();
        assertThat(closed).containsExactly("ingest", "recorder", "store");
    }

    @Test
    void aPartThatFailsToCloseDoesNotKeepTheOthersOpen() {
        Closer closer = new Closer();
        closer.add("store", part("store"));
        closer.add("broken", () -> {
            throw new IOException("disk gone");
        });
        closer.add("ingest", part("ingest"));
        closer.close();
        assertThat(closed).containsExactly("ingest", "store");
    }

    @Test
    void afterAFailedStartWhatFailedToCloseTravelsWithTheCause() {
        Closer closer = new Closer();
        closer.add("store", part("store"));
        closer.add("broken", () -> {
            throw new IOException("disk gone");
        });
        Exception cause = new IllegalStateException("port in use");
        closer.closeAfter(cause);
        assertThat(closed).containsExactly("store");
        assertThat(cause.getSuppressed()).singleElement().satisfies(s -> {
            assertThat(s).hasMessage("broken did not close cleanly");
            assertThat(s.getCause()).hasMessage("disk gone");
        });
    }

    @Test
    void anInterruptedCloseStillClosesTheRestAndKeepsTheInterrupt() {
        Closer closer = new Closer();
        closer.add("store", part("store"));
        closer.add("waits", () -> {
            throw new InterruptedException();
        });
        closer.close();
        assertThat(closed).containsExactly("store");
        assertThat(Thread.interrupted()).isTrue();
    }
}
