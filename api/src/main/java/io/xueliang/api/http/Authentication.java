package io.xueliang.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * Root handler that calls the authenticator for requests to operations needing a bearer token,
 * before contract validation, so that an unauthenticated client learns nothing about the contract
 * but 401. Requests matching no operation pass on to the router's 404/405.
 */
final class Authentication implements Handler<RoutingContext> {
    private final OpenAPIContract contract;
    private final Set<String> bearerOperations;
    private final Handler<RoutingContext> authenticator;

    Authentication(OpenAPIContract contract, Set<String> bearerOperations, Handler<RoutingContext> authenticator) {
        this.contract = contract;
        this.bearerOperations = Set.copyOf(bearerOperations);
        this.authenticator = authenticator;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Operation op = contract.findOperation(ctx.request().path(), ctx.request().method());
        if (op != null && bearerOperations.contains(op.getOperationId())) {
            authenticator.handle(ctx);
        } else {
            ctx.next();
        }
    }
}
