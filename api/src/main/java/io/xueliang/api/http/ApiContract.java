package io.xueliang.api.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API contract, {@code api/openapi.yaml}, shipped in the jar next to this class. It is read
 * with SnakeYAML (the parser vertx-openapi uses for contracts) and handed to vertx-openapi as
 * JSON, so that it can be adjusted first and no file is resolved through Vert.x's file cache.
 */
public final class ApiContract {
    /** Classpath resource name (the build copies {@code api/openapi.yaml} there). */
    public static final String RESOURCE = "openapi.yaml";

    private ApiContract() {
    }

    /** The raw contract as JSON. */
    public static JsonObject json() {
        try (InputStream in = ApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ApiContract.class.getPackageName() + "/" + RESOURCE);
            }
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(4 * 1024 * 1024);
            Object doc = new Yaml(new SafeConstructor(options))
                    .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (JsonObject) toJson(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and checks the contract (references resolved, schemas compiled) in the form the
     * validator takes; see {@link #forValidator(JsonObject, Map)}.
     */
    public static Future<OpenAPIContract> load(Vertx vertx) {
        return OpenAPIContract.from(vertx, forValidator(json(), new LinkedHashMap<>()));
    }

    /**
     * A copy of {@code contract} without the media types vertx-openapi 5.0 rejects
     * ({@code application/problem+json}, {@code text/csv}): responses are not validated, so their
     * unsupported media types are dropped; a request body in such a media type is dropped too and
     * its operation id and media types go to {@code bodiesCheckedByServer}, so that the server
     * checks the Content-Type itself and the handler parses the body.
     */
    public static JsonObject forValidator(JsonObject contract, Map<String, Set<String>> bodiesCheckedByServer) {
        JsonObject copy = contract.copy();
        // Authentication is the server's (ApiServer's Authentication and the handlers), never the router builder's:
        // the builder would chain authentication handlers for schemes it has none for and fail the request.
        copy.remove("security");
        JsonObject paths = copy.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (item.getValue(method) instanceof JsonObject op) {
                    op.remove("security");
                }
                if (item.getValue(method) instanceof JsonObject op && op.getValue("requestBody") instanceof JsonObject body
                        && body.getValue("content") instanceof JsonObject content
                        && !content.fieldNames().stream().allMatch(VALIDATED_MEDIA_TYPES::contains)) {
                    bodiesCheckedByServer.put(op.getString("operationId"), Set.copyOf(content.fieldNames()));
                    op.remove("requestBody");
                }
            }
        }
        dropUnsupportedContent(copy);
        return copy;
    }

    private static final Set<String> VALIDATED_MEDIA_TYPES = Set.of("application/json", "application/json; charset=utf-8",
            "multipart/form-data", "application/hal+json", "application/octet-stream", "text/plain",
            "text/plain; charset=utf-8");

    private static void dropUnsupportedContent(Object node) {
        if (node instanceof JsonObject object) {
            if (object.getValue("content") instanceof JsonObject content && !content.isEmpty()
                    && content.fieldNames().stream().allMatch(k -> k.contains("/"))) {
                content.fieldNames().removeIf(k -> !VALIDATED_MEDIA_TYPES.contains(k));
                if (content.isEmpty()) {
                    object.remove("content");
                }
            }
            object.forEach(e -> dropUnsupportedContent(e.getValue()));
        } else if (node instanceof JsonArray array) {
            array.forEach(ApiContract::dropUnsupportedContent);
        }
    }

    /** YAML keys such as response codes may be numbers; JSON keys are strings. */
    private static Object toJson(Object yaml) {
        if (yaml instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toJson(v)));
            return new JsonObject(out);
        }
        if (yaml instanceof List<?> list) {
            JsonArray out = new JsonArray();
            list.forEach(v -> out.add(toJson(v)));
            return out;
        }
        return yaml;
    }
}
