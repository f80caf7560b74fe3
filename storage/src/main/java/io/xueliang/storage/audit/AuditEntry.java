package io.xueliang.storage.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a caller asks the audit log to record: one request that read or changed data.
 *
 * @param at when the request was made; kept to the microsecond (finer digits are dropped here, so the record that
 *        comes back equals what was hashed)
 * @param actor the user name, or {@code token:<id>} for an API token
 * @param roles the actor's roles at the time, in the caller's order
 * @param sourceAddress where the request came from (client IP, or the forwarded address the API trusts)
 * @param action the route, e.g. {@code GET /api/v1/cameras/{id}}
 * @param parameters the key parameters of the request (path and query values that say what was asked for); kept in
 *        key order
 * @param purpose why, as the user stated it; {@code null} when not asked
 * @param caseReference the case the request was for; {@code null} when none
 * @param resultCount how many items the answer held, {@code -1} when not applicable
 * @param outcome the HTTP status answered
 */
public record AuditEntry(Instant at, String actor, List<String> roles, String sourceAddress, String action,
        SortedMap<String, String> parameters, String purpose, String caseReference, long resultCount, int outcome) {

    public AuditEntry {
        if (at == null || actor == null || roles == null || sourceAddress == null || action == null
                || parameters == null) {
            throw new IllegalArgumentException("at, actor, roles, sourceAddress, action and parameters are required");
        }
        if (actor.isEmpty()) {
            throw new IllegalArgumentException("actor must not be empty");
        }
        if (resultCount < -1) {
            throw new IllegalArgumentException("resultCount must be >= 0, or -1 for not applicable; was " + resultCount);
        }
        at = at.truncatedTo(ChronoUnit.MICROS);
        roles = List.copyOf(roles);
        // Natural key order whatever comparator the caller's map had: the hash encodes parameters in this order.
        TreeMap<String, String> copy = new TreeMap<>();
        parameters.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("parameter names and values must not be null: " + k + "=" + v);
            }
            copy.put(k, v);
        });
        parameters = Collections.unmodifiableSortedMap(copy);
    }
}
