package io.xueliang.api.problem;

import java.time.Duration;
import java.util.List;

/**
 * An expected failure of a request, thrown (or passed to {@code RoutingContext.fail}) by a handler
 * and turned into an RFC 9457 answer by {@link ProblemFailureHandler}, the only place that maps
 * failures to HTTP statuses. It has no stack trace: it is an answer, not a bug.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    /**
     * @param status HTTP status, 400-599
     * @param title the short, status-wide summary (RFC 9457 title), e.g. "Not Found"
     * @param detail this occurrence in words, safe to show the client; null for none
     * @param errors the bad fields of a 400; empty otherwise
     * @param retryAfter for 429 and 503: when to try again (Retry-After header); null for none
     */
    public ApiProblem(int status, String title, String detail, List<FieldError> errors, Duration retryAfter) {
        super(status + " " + title + (detail == null ? "" : ": " + detail), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400-599, got " + status);
        }
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ApiProblem badRequest(String field, String message) {
        return badRequest(List.of(new FieldError(field, message)));
    }

    public static ApiProblem badRequest(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return new ApiProblem(400, "Bad Request", detail, errors, null);
    }

    /** Answered with {@code WWW-Authenticate: Bearer}. */
    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail, List.of(), null);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail, List.of(), null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail, List.of(), null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, List.of(), null);
    }

    public static ApiProblem contentTooLarge(String detail) {
        return new ApiProblem(413, "Content Too Large", detail, List.of(), null);
    }

    public static ApiProblem tooManyRequests(Duration retryAfter, String detail) {
        return new ApiProblem(429, "Too Many Requests", detail, List.of(), retryAfter);
    }

    public static ApiProblem notImplemented(String detail) {
        return new ApiProblem(501, "Not Implemented", detail, List.of(), null);
    }

    public static ApiProblem unavailable(Duration retryAfter, String detail) {
        return new ApiProblem(503, "Service Unavailable", detail, List.of(), retryAfter);
    }

    /** How long a client asked to come back after a full disk waits: about two of the recorders' space checks. */
    public static final Duration DISK_FULL_RETRY = Duration.ofSeconds(30);

    /** The storage volume is full: writes that need it are refused until it has room, reads still answer. */
    public static ApiProblem diskFull() {
        return unavailable(DISK_FULL_RETRY, "the storage volume is full: writes are refused until space is freed;"
                + " reads still answer");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Null when there is none. */
    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Null when there is none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
