package io.xueliang.config.yaml;

import io.xueliang.config.ConfigException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The keys of one YAML mapping at a key path, checked against the record it binds to: the keys
 * of a mapping are exactly the component names of its record, so a key cannot drift from the
 * code. A key with a null value ({@code port:} or {@code port: ~}) counts as left out.
 */
final class MappingReader {
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final ScalarReader scalars;

    /**
     * @param lines receives the key node of every key path, for line numbers in failures
     */
    MappingReader(Node node, String path, ScalarReader scalars, Map<String, Node> lines) {
        if (!(node instanceof MappingNode mapping)) {
            throw new ConfigException(path, "expected a mapping, got " + ScalarReader.kind(node));
        }
        this.path = path;
        this.node = node;
        this.scalars = scalars;
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw located(tuple.getKeyNode(), path, "keys must be scalars, got " + ScalarReader.kind(tuple.getKeyNode()));
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
            String keyPath = ConfigException.joinPath(path, key.getValue());
            if (first != null) {
                throw located(key, keyPath, "duplicate key (first at line " + line(first.getKeyNode()) + ")");
            }
            lines.put(keyPath, key);
        }
    }

    /** Fails on the first key that is not a component of {@code type}, listing the known keys. */
    MappingReader allowOnly(Class<? extends Record> type) {
        List<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw located(e.getValue().getKeyNode(), keyPath(e.getKey()),
                        "unknown key; known keys: " + known.stream().collect(Collectors.joining(", ")));
            }
        }
        return this;
    }

    String path() {
        return path;
    }

    String keyPath(String key) {
        return ConfigException.joinPath(path, key);
    }

    /** The value of {@code key}, empty when the key is left out or null. */
    Optional<Node> value(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    /** The value of a key that must be present and not null. */
    Node required(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            throw located(node, keyPath(key), "required key is missing");
        }
        if (isNull(tuple.getValueNode())) {
            throw new ConfigException(keyPath(key), "required key has no value");
        }
        return tuple.getValueNode();
    }

    <T> T read(String key, T fallback, BiFunction<Node, String, T> reader) {
        return value(key).map(v -> reader.apply(v, keyPath(key))).orElse(fallback);
    }

    int integer(String key, int fallback) {
        return read(key, fallback, scalars::integer);
    }

    boolean bool(String key, boolean fallback) {
        return read(key, fallback, scalars::bool);
    }

    Duration duration(String key, Duration fallback) {
        return read(key, fallback, scalars::duration);
    }

    String string(String key, String fallback) {
        return read(key, fallback, scalars::string);
    }

    URI uri(String key, URI fallback) {
        return read(key, fallback, scalars::uri);
    }

    Path path(String key, Path fallback) {
        return read(key, fallback, scalars::path);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static ConfigException located(Node node, String path, String reason) {
        return new ConfigException(null, line(node), path, reason);
    }
}
