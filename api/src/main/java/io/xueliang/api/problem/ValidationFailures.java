package io.xueliang.api.problem;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the bad field of a contract violation found by vertx-openapi. Its exceptions carry the
 * parameter only inside their message ("The value of query parameter limit is invalid. Reason:
 * ..."), and a body failure as JSON Schema output units whose instance location is a JSON pointer.
 */
final class ValidationFailures {
    private static final Pattern PARAMETER = Pattern.compile("(query|path|header|cookie) parameter ([A-Za-z0-9_-]+)");
    private static final Pattern REQUIRED_PROPERTY = Pattern.compile("required property ['\"]?([^'\"\\s]+)['\"]?");
    /** Details are bounded: a schema can report many sub-errors for one bad value. */
    private static final int MAX_ERRORS = 20;

    private ValidationFailures() {
    }

    static ApiProblem toProblem(ValidatorException e) {
        String message = e.getMessage() == null ? "invalid request" : e.getMessage();
        Matcher parameter = PARAMETER.matcher(message);
        if (parameter.find()) {
            String reason = message.contains("Reason: ") ? message.substring(message.indexOf("Reason: ") + 8) : message;
            return ApiProblem.badRequest(parameter.group(2), reason);
        }
        List<FieldError> errors = new ArrayList<>();
        if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
            collect(schema.getOutputUnit(), errors);
        }
        if (errors.isEmpty()) {
            errors.add(new FieldError("body", message));
        }
        return ApiProblem.badRequest(errors);
    }

    /**
     * The leaves of the output tree: the most specific errors, at most {@link #MAX_ERRORS} (this
     * runs on the event loop, and a large bad array yields an error per item).
     */
    private static void collect(OutputUnit unit, List<FieldError> out) {
        if (out.size() >= MAX_ERRORS) {
            return;
        }
        List<OutputUnit> children = unit.getErrors();
        if (children != null && !children.isEmpty()) {
            children.forEach(c -> collect(c, out));
            return;
        }
        if (unit.getError() == null || out.stream().anyMatch(f -> f.message().equals(unit.getError())
                && f.field().equals(field(unit)))) {
            return;
        }
        out.add(new FieldError(field(unit), unit.getError()));
    }

    private static String field(OutputUnit unit) {
        String pointer = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
        pointer = pointer.replaceFirst("^#", "").replaceFirst("^/", "");
        if (unit.getError() != null) {
            Matcher required = REQUIRED_PROPERTY.matcher(unit.getError());
            if (required.find()) {
                pointer = pointer.isEmpty() ? required.group(1) : pointer + "/" + required.group(1);
            }
        }
        return pointer.isEmpty() ? "body" : pointer;
    }
}
