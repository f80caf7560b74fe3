package io.xueliang.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.problem.ApiProblem;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a JSON body that names one key twice in an object ({@code {"roles":["viewer"],"roles":["admin"]}}): 400
 * naming the key as a JSON pointer. RFC 8259 leaves such bodies to the reader, and readers differ (Vert.x keeps the
 * last, others the first), so a proxy or audit record could read another request than the one served. Malformed JSON
 * is left to the contract validator, which names what is wrong. The body is already bounded by
 * {@code http.maxBodyBytes}.
 */
final class DuplicateKeyCheck implements Handler<RoutingContext> {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public void handle(RoutingContext ctx) {
        if (!json(ctx.request().getHeader("Content-Type")) || ctx.body() == null || ctx.body().buffer() == null
                || ctx.body().length() <= 0) {
            ctx.next();
            return;
        }
        String duplicate;
        try {
            duplicate = firstDuplicate(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            duplicate = null; // malformed: the validator answers it
        }
        if (duplicate != null) {
            ctx.fail(ApiProblem.badRequest(duplicate, "this key appears twice in its object"));
        } else {
            ctx.next();
        }
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** The JSON pointer of the first key repeated within one object, or null. */
    static String firstDuplicate(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            Deque<Set<String>> objects = new ArrayDeque<>();
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                switch (t) {
                    case START_OBJECT -> objects.push(new HashSet<>());
                    case END_OBJECT -> objects.pop();
                    case FIELD_NAME -> {
                        if (!objects.peek().add(parser.currentName())) {
                            return pointer(parser);
                        }
                    }
                    default -> { }
                }
            }
            return null;
        }
    }

    private static String pointer(JsonParser parser) {
        String p = parser.getParsingContext().pathAsPointer().toString();
        return p.startsWith("/") ? p.substring(1) : p;
    }
}
