package io.xueliang.api.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every file of the web UI is served with. The UI shows what cameras and people send (camera names, plate
 * text, user names, audit parameters): the content security policy runs only the UI's own scripts, so text that got
 * into the page as markup could not run; nothing may frame the UI (a wall cannot be overlaid to steal clicks); no
 * page address (with a case reference in it) leaves in a Referer header.
 */
public final class WebUiHeaders implements Handler<RoutingContext> {
    /**
     * Scripts and styles from this origin only, no inline ones; video from blob: (Media Source Extensions); images
     * from this origin and blob: (no other host: an image is a way out for what a page holds), and from the map tile
     * server when one is configured ({@code http.mapTiles}); WebSockets and fetches to this origin.
     */
    private final String policy;

    /** Headers whose policy allows no image from another origin. */
    public WebUiHeaders() {
        this(null);
    }

    /** @param tileOrigin the map tile server's origin ({@code https://host[:port]}), or null for none */
    public WebUiHeaders(String tileOrigin) {
        this.policy = policy(tileOrigin);
    }

    private static String policy(String tileOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:"
                + (tileOrigin == null ? "" : " " + tileOrigin) + "; media-src 'self' blob:; connect-src 'self';"
                + " font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap h = ctx.response().headers();
        h.set("Content-Security-Policy", policy);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        ctx.next();
    }
}
