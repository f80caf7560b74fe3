package io.xueliang.api.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Holds a WebSocket opening (live video) unread until its handler answers it, after the asynchronous authentication:
 * Vert.x upgrades only a request whose end it has not consumed yet. A platform handler, so it runs before the others.
 */
final class WebSocketHold implements PlatformHandler {
    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().canUpgradeToWebSocket()) {
            ctx.request().pause();
        }
        ctx.next();
    }
}
