package io.xueliang.api.problem;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import io.xueliang.sql.volume.DiskFull;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers (RFC 9457 {@code application/problem+json}).
 *
 * <pre>
 * {"type":"about:blank","title":"Bad Request","status":400,"detail":"limit: ...",
 *  "instance":"/api/v1/cameras","requestId":"...","errors":[{"field":"limit","message":"..."}]}
 * </pre>
 *
 * <ul>
 *   <li>{@link ApiProblem}: its status, title, detail and field errors; 401 adds
 *       {@code WWW-Authenticate: Bearer}, 429 and 503 {@code Retry-After};</li>
 *   <li>a contract violation ({@link ValidatorException}) or a body that is not JSON: 400 naming the
 *       field;</li>
 *   <li>a failure with only a status (413 from the body limit, 404/405 from the router): that status;</li>
 *   <li>a failure caused by a full storage volume (a write the disk or the database refused for lack of space): 503
 *       with {@code Retry-After}, logged without a stack trace;</li>
 *   <li>anything else: 500 with no detail and no stack trace; the log line has the request id the
 *       answer carries, and the stack trace.</li>
 * </ul>
 */
public final class ProblemFailureHandler implements Handler<RoutingContext> {
    public static final String CONTENT_TYPE = "application/problem+json";
    /** Key of the request id in the routing context (also sent as {@value #REQUEST_ID_HEADER}). */
    public static final String REQUEST_ID = "xueliang.requestId";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemFailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        ApiProblem problem = toProblem(ctx);
        write(ctx, problem);
    }

    /** Answers {@code problem} now; for handlers and router error handlers that do not fail the context. */
    public static void write(RoutingContext ctx, ApiProblem problem) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // Too late for a status: cut the connection so the client sees a truncated answer.
            LOG.warn("request {} failed after its answer started: {}", requestId(ctx), problem.getMessage());
            response.reset();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", problem.title())
                .put("status", problem.status());
        if (problem.detail() != null) {
            body.put("detail", problem.detail());
        }
        body.put("instance", ctx.request().path());
        body.put("requestId", requestId(ctx));
        if (!problem.errors().isEmpty()) {
            JsonArray errors = new JsonArray();
            problem.errors().forEach(e -> errors.add(new JsonObject().put("field", e.field()).put("message", e.message())));
            body.put("errors", errors);
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (problem.retryAfter() != null) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        response.end(body.toBuffer());
    }

    /** The request id of {@code ctx}, made on first use. */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            ctx.put(REQUEST_ID, id);
        }
        return id;
    }

    private static ApiProblem toProblem(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        // Vert.x wraps the validator's exception in an HttpException(400).
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiProblem problem) {
                return problem;
            }
            if (t instanceof ValidatorException validation) {
                return ValidationFailures.toProblem(validation);
            }
            if (t instanceof DecodeException) {
                return ApiProblem.badRequest("body", "not valid JSON");
            }
        }
        if (failure != null && DiskFull.causedBy(failure)) {
            LOG.warn("request {} {} {} refused: the storage volume is full ({})", requestId(ctx),
                    ctx.request().method(), ctx.request().path(), failure.toString());
            return ApiProblem.diskFull();
        }
        int status = ctx.statusCode();
        if (failure instanceof HttpException http && http.getStatusCode() >= 400 && http.getStatusCode() != 500) {
            return forStatus(http.getStatusCode());
        }
        if (failure == null && status >= 400 && status != 500) {
            return forStatus(status);
        }
        LOG.error("request {} {} {} failed", requestId(ctx), ctx.request().method(), ctx.request().path(), failure);
        return new ApiProblem(500, "Internal Server Error", "quote request id " + requestId(ctx) + " when reporting this",
                List.of(), null);
    }

    /** A problem for a bare status (router and body handler failures). */
    public static ApiProblem forStatus(int status) {
        return switch (status) {
            case 400 -> ApiProblem.badRequest("request", "malformed request");
            case 404 -> ApiProblem.notFound("no route for this path");
            case 405 -> new ApiProblem(405, "Method Not Allowed", "the path exists but not with this method", List.of(), null);
            case 413 -> ApiProblem.contentTooLarge("the body is larger than http.maxBodyBytes");
            default -> {
                int s = status < 400 || status > 599 ? 500 : status;
                yield new ApiProblem(s, HttpResponseStatus.valueOf(s).reasonPhrase(), null, List.of(), null);
            }
        };
    }
}
