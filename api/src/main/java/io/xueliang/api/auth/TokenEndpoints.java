package io.xueliang.api.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.WholeNumbers;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.auth.ApiTokenInfo;
import io.xueliang.storage.auth.IssuedToken;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.TokenKind;
import io.xueliang.storage.auth.TokenLimitException;
import io.xueliang.storage.auth.TokenStore;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST/GET /tokens} and {@code DELETE /tokens/{tokenId}}: long-lived API tokens for integrations (a
 * checkpoint bridge, a case-management system). A token acts as its creator, with at most the roles it names, and only
 * a login session may create one, so a leaked integration token cannot mint more. Everyone manages only their own
 * tokens; an admin ends someone else's by changing their password or removing them. Creation and revocation are
 * audited.
 */
public final class TokenEndpoints {
    private final TokenStore tokens;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;

    public TokenEndpoints(TokenStore tokens, AuditTrail audit, BlockingWork work, InstantSource clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
    }

    public void register(ApiOperations operations) {
        operations.handle("createToken", this::create).handle("listTokens", this::list)
                .handle("revokeToken", this::revoke);
    }

    private void create(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        JsonObject b = ctx.body().asJsonObject(); // the contract has checked its shape
        String name = b.getString("name");
        String action = "POST /api/v1/tokens";
        if (who.kind() != TokenKind.SESSION) {
            audit.refuse(ctx, who, action, Map.of("name", name), "API tokens are created from a login session, "
                    + "not with another API token");
            return;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        JsonArray asked = b.getJsonArray("roles");
        if (asked != null) {
            asked.forEach(r -> roles.add(Role.fromWireName(String.valueOf(r))));
            for (Role r : roles) {
                if (!who.has(r)) {
                    throw ApiProblem.badRequest("roles", "you do not have the role " + r.wireName()
                            + "; a token can only be limited to roles you have");
                }
            }
        }
        Instant expiresAt = expiry(b.getString("expiresAt"));
        work.respond(ctx, () -> {
            try {
                return tokens.issueApiToken(who.username(), name, roles, expiresAt).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TokenLimitException limit) {
                    throw ApiProblem.conflict(limit.getMessage());
                }
                throw e;
            }
        }, (c, issued) -> audit.record(c, who, action, Map.of("name", name, "tokenId", Long.toString(issued.id())), 1, 201)
                .onSuccess(v -> c.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end(json(issued, name, roles).encode()))
                .onFailure(c::fail));
    }

    private Instant expiry(String text) {
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest("expiresAt", "not an ISO-8601 date-time such as 2027-01-01T00:00:00Z");
        }
        if (!at.isAfter(clock.instant())) {
            throw ApiProblem.badRequest("expiresAt", "lies in the past");
        }
        return at;
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        work.respond(ctx, () -> tokens.listApiTokens(who.username()), (c, found) -> {
            JsonArray items = new JsonArray();
            found.forEach(t -> items.add(json(t)));
            audit.record(c, who, "GET /api/v1/tokens", Map.of(), items.size(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items).putNull("next"))).onFailure(c::fail);
        });
    }

    private void revoke(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String id = ctx.pathParam("tokenId");
        long tokenId = WholeNumbers.path(ctx, "tokenId", 1, WholeNumbers.MAX_ID);
        work.respond(ctx, () -> tokens.revokeApiToken(who.username(), tokenId).get(30, TimeUnit.SECONDS),
                (c, revoked) -> audit.record(c, who, "DELETE /api/v1/tokens/{tokenId}", Map.of("tokenId", id), 1,
                                revoked ? 204 : 404)
                        .onSuccess(v -> {
                            if (revoked) {
                                c.response().setStatusCode(204).end();
                            } else {
                                // Someone else's token answers like none: ids reveal nothing.
                                c.fail(ApiProblem.notFound("you have no live API token " + id));
                            }
                        }).onFailure(c::fail));
    }

    private static JsonObject json(IssuedToken issued, String name, Set<Role> roles) {
        return new JsonObject().put("id", issued.id()).put("name", name).put("token", issued.token())
                .put("roles", roleNames(roles))
                .put("expiresAt", issued.expiresAt() == null ? null : issued.expiresAt().toString());
    }

    private static JsonObject json(ApiTokenInfo t) {
        return new JsonObject().put("id", t.id()).put("name", t.name()).put("roles", roleNames(t.roles()))
                .put("createdAt", t.createdAt().toString())
                .put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString())
                .put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
    }

    private static JsonArray roleNames(Set<Role> roles) {
        return new JsonArray(roles.stream().map(Role::wireName).sorted().toList());
    }
}
