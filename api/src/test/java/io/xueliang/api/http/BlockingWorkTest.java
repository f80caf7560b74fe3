package io.xueliang.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.xueliang.api.problem.ApiProblem;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingWorkTest {
    @Test
    void fullQueueFailsFastWith503AndRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (BlockingWork work = new BlockingWork("bw", 1, 1)) {
            Future<String> running = work.submit(() -> {
                started.countDown();
                release.await();
                return "first";
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            Future<String> queued = work.submit(() -> "second");
            Future<String> refused = work.submit(() -> "third");

            assertThat(refused.failed()).isTrue();
            assertThat(refused.cause()).isInstanceOfSatisfying(ApiProblem.class, p -> {
                assertThat(p.status()).isEqualTo(503);
                assertThat(p.retryAfter()).isNotNull();
            });

            release.countDown();
            assertThat(running.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo("second");
        }
    }

    @Test
    void failureOfTheWorkFailsTheFuture() throws Exception {
        try (BlockingWork work = new BlockingWork("bw", 1, 4)) {
            Future<Object> f = work.submit(() -> {
                throw new java.io.IOException("disk gone");
            });
            CountDownLatch done = new CountDownLatch(1);
            f.onComplete(r -> done.countDown());
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(f.cause()).isInstanceOf(java.io.IOException.class).hasMessage("disk gone");
        }
    }
}
