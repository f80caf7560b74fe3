package io.xueliang.api.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.auth.Principal;

/**
 * {@code POST /tickets}: a media ticket ({@link MediaTickets}) for one playback, live video, export download or read
 * image path, to put in a URL as {@code access_token} where a header cannot go. Issuing one reads nothing (whether the
 * resource may be seen is decided, and audited, when the ticket is used), so it is not audited itself.
 */
public final class TicketEndpoints {
    private final MediaTickets tickets;

    public TicketEndpoints(MediaTickets tickets) {
        this.tickets = tickets;
    }

    public void register(ApiOperations operations) {
        operations.handle("createTicket", this::create);
    }

    private void create(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String path = ctx.body().asJsonObject().getString("path");
        if (MediaTickets.MediaOperation.ofPath(path).isEmpty()) {
            throw ApiProblem.badRequest("path", "tickets are for a camera's playback.mp4 or live WebSocket, an"
                    + " export's download or a read's plate.jpg or overview.jpg, such as"
                    + " /api/v1/cameras/{id}/playback.mp4, without the query string");
        }
        MediaTickets.Ticket t = tickets.issue(who.tokenId(), path);
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("ticket", t.value()).put("expiresAt", t.expiresAt().toString())
                        .put("path", path).encode());
    }
}
