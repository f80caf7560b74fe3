package io.xueliang.api.problem;

/**
 * One bad field of a 400 answer.
 *
 * @param field a query, path or header parameter name, or a JSON pointer into the body without its
 *        leading "/" ({@code location/lat}); {@code body} for the body as a whole
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
