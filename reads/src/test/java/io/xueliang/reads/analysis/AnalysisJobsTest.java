package io.xueliang.reads.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The analysis queue under a flood: one investigator cannot take the whole queue, the queue as a whole stays bounded,
 * and finished jobs make room.
 */
class AnalysisJobsTest {
    private final CountDownLatch release = new CountDownLatch(1);

    /** An analysis that runs until the test releases it. */
    private Function<Progress, Findings<?>> held() {
        return p -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Findings<>(List.of(), false);
        };
    }

    @Test
    void oneUsersFloodIsRefusedWhileOthersStillGetIn() throws Exception {
        try (AnalysisJobs jobs = new AnalysisJobs(1, 6, 2, InstantSource.fixed(Instant.EPOCH))) {
            var first = jobs.submit("mallory", "frequent", held());
            jobs.submit("mallory", "frequent", held());
            assertThatThrownBy(() -> jobs.submit("mallory", "frequent", held()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("2 analyses queued or running");
            jobs.submit("alice", "frequent", held());
            jobs.submit("alice", "frequent", held());
            jobs.submit("bob", "frequent", held());
            jobs.submit("bob", "frequent", held());
            assertThatThrownBy(() -> jobs.submit("carol", "frequent", held()))
                    .as("the whole queue is full: everyone waits").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("6 analyses are queued or running");

            release.countDown();
            assertThat(first.ended().get().state()).isEqualTo(AnalysisJobs.State.DONE);
            for (int i = 0; i < 6; i++) {
                // each finished job makes room: the oldest finished goes
                var later = jobs.submit("carol", "frequent", held());
                later.ended().get();
            }
            assertThat(jobs.get(first.id())).as("the oldest finished made room").isEmpty();
        }
    }
}
