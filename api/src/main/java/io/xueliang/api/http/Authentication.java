package io.xueliang.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * Root handler that calls the authenticator for requests to operations needing a bearer token,
 * before contract validation, so that an unauthenticated client learns nothing about the contract
 * but 401. Requests matching no operation pass on to the router's 404/405. The operation found is
 * left in the context for {@link RequestMetrics}.
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
        Operation op = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
        ctx.put(RequestMetrics.OPERATION, op == null ? RequestMetrics.NONE : op.getOperationId());
        if (op != null && bearerOperations.contains(op.getOperationId())) {
            ctx.put(CHECKED, Boolean.TRUE);
            authenticator.handle(ctx);
        } else {
            ctx.next();
        }
    }

    /**
     * First handler of every operation needing a bearer token: runs the authenticator when the
     * root handler did not (the contract's path lookup and the router's matching could disagree
     * on an odd path), so that authentication can come late but never be skipped.
     */
    Handler<RoutingContext> guard() {
        return ctx -> {
            if (ctx.get(CHECKED) == null) {
                ctx.put(CHECKED, Boolean.TRUE);
                authenticator.handle(ctx);
            } else {
                ctx.next();
            }
        };
    }

    boolean required(String operationId) {
        return bearerOperations.contains(operationId);
    }

    private static final String CHECKED = "xueliang.authenticationChecked";
}
