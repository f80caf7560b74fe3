package io.xueliang.api.http;

import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.problem.ApiProblem;

/**
 * Whole numbers from the path and the query string, read strictly: decimal digits only. The contract's validator reads
 * a parameter as a JSON number, so it lets {@code 1e2} and {@code 1.0} through as the integer 100 and 1; a handler
 * that then parses the text would fail with a 500. Everything that reads a number from a URL reads it here, and a
 * number in another spelling is a 400 naming the parameter.
 */
public final class WholeNumbers {
    /** Digits of the largest number read here ({@code Long.MAX_VALUE} has 19): longer text is refused unparsed. */
    private static final int MAX_DIGITS = 18;
    /** Largest id in a path (2^53 - 1, the contract's bound): every id a JavaScript client can hold exactly. */
    public static final long MAX_ID = 9_007_199_254_740_991L;

    private WholeNumbers() {
    }

    /** The query parameter {@code name} between {@code min} and {@code max}, or {@code absent} when it is not given. */
    public static int query(RoutingContext ctx, String name, int absent, int min, int max) {
        String text = ctx.request().getParam(name);
        return text == null ? absent : (int) parse(name, text, min, max);
    }

    /** The path parameter {@code name}, between {@code min} and {@code max}. */
    public static long path(RoutingContext ctx, String name, long min, long max) {
        return parse(name, ctx.pathParam(name), min, max);
    }

    /**
     * {@code text} as a number between {@code min} and {@code max} (both at least 0).
     *
     * @throws ApiProblem 400 naming {@code field} when it is not decimal digits or lies outside
     */
    public static long parse(String field, String text, long min, long max) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(WholeNumbers::digit)) {
            throw ApiProblem.badRequest(field, "a whole number in decimal digits, such as 100");
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw ApiProblem.badRequest(field, "must be " + min + " to " + max);
        }
        return value;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }
}
