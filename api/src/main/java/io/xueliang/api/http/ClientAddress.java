package io.xueliang.api.http;

import io.vertx.ext.web.RoutingContext;

/** The client's address as the audit trail and the login throttle see it. */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }
}
