package io.xueliang.api.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.problem.ApiProblem;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Runs the blocking part of a request (JDBC, disk, password hashing) on a fixed pool of worker
 * threads with a bounded queue, never on an event loop, and brings the result back to the
 * request's event loop. When the queue is full the request fails fast with 503 and Retry-After
 * instead of queueing without bound: a burst cannot exhaust memory or grow latency without limit.
 *
 * <pre>{@code
 * ops.handle("getCamera", ctx -> work.respond(ctx,
 *         () -> store.camera(ctx.pathParam("id")),               // worker thread
 *         (c, camera) -> c.json(CameraJson.of(camera))));          // event loop
 * }</pre>
 */
public final class BlockingWork implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    /**
     * @param name prefix of the worker thread names
     * @param threads worker threads; bounds concurrent blocking work (e.g. JDBC connections in use)
     * @param maxQueued tasks waiting for a thread beyond which requests are refused with 503
     */
    public BlockingWork(String name, int threads, int maxQueued) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxQueued), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code work} on a worker; the future completes on the caller's Vert.x context (or on
     * the worker when called from outside Vert.x). A full queue fails it with a 503 {@link ApiProblem}.
     */
    public <T> Future<T> submit(Callable<T> work) {
        Context context = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        try {
            executor.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    complete(context, () -> promise.fail(e));
                    return;
                }
                complete(context, () -> promise.complete(result));
            });
        } catch (RejectedExecutionException e) {
            promise.fail(ApiProblem.unavailable(Duration.ofSeconds(1), "the server is busy; try again"));
        }
        return promise.future();
    }

    /** Runs {@code work} on a worker, then {@code answer} on the event loop; a failure fails {@code ctx}. */
    public <T> void respond(RoutingContext ctx, Callable<T> work, BiConsumer<RoutingContext, T> answer) {
        submit(work).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            try {
                answer.accept(ctx, r.result());
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
    }

    private static void complete(Context context, Runnable completion) {
        if (context == null) {
            completion.run();
        } else {
            context.runOnContext(v -> completion.run());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
