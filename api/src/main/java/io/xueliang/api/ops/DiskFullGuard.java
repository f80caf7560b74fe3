package io.xueliang.api.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.problem.ApiProblem;
import java.util.function.BooleanSupplier;

/**
 * Refuses an operation that writes to the storage volume (an export's files) with 503 and {@code Retry-After} while
 * the volume is full, before any of its work starts: otherwise it would be accepted and fail later, or take space the
 * database needs. Everything else answers as usual.
 */
public final class DiskFullGuard implements Handler<RoutingContext> {
    private final BooleanSupplier full;

    /** @param full true while the storage volume is full (cheap: asked on the event loop) */
    public DiskFullGuard(BooleanSupplier full) {
        this.full = full;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (full.getAsBoolean()) {
            ctx.fail(ApiProblem.diskFull());
        } else {
            ctx.next();
        }
    }
}
