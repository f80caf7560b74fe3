package io.xueliang.api.recordings;

import io.xueliang.api.problem.ApiProblem;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A wall-clock range [from, to) from a request, checked: to after from, at most {@code maxSpan} long. */
public record TimeRange(Instant from, Instant to) {

    /** @throws io.xueliang.api.problem.ApiProblem 400 naming {@code from} or {@code to} */
    public static TimeRange of(String fromText, String toText, Duration maxSpan) {
        Instant from = instant("from", fromText);
        Instant to = instant("to", toText);
        if (!to.isAfter(from)) {
            throw ApiProblem.badRequest("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(maxSpan) > 0) {
            throw ApiProblem.badRequest("to", "the range spans at most " + maxSpan.toDays() + " days"
                    + (maxSpan.toDays() == 0 ? " (" + maxSpan.toMinutes() + " minutes)" : ""));
        }
        return new TimeRange(from, to);
    }

    public static Instant instant(String field, String text) {
        if (text == null) {
            throw ApiProblem.badRequest(field, "is required");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest(field, "not an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
    }
}
