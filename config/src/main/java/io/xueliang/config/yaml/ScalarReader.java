package io.xueliang.config.yaml;

import io.xueliang.config.BlobStoreKind;
import io.xueliang.config.CameraAuth;
import io.xueliang.config.ConfigException;
import io.xueliang.config.DurationFormat;
import io.xueliang.config.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one scalar value as a Java type, after {@code ${NAME}} substitution. The text is read as
 * written, not as YAML resolved it, so that {@code id: 43032100001210000001} stays a string and
 * only {@code true}/{@code false} are booleans (not YAML 1.1's {@code yes}/{@code on}).
 * URIs are never quoted in failures: they may hold a password.
 */
final class ScalarReader {
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final EnvSubstitution env;

    ScalarReader(EnvSubstitution env) {
        this.env = env;
    }

    String string(Node node, String path) {
        return text(node, path, "a string");
    }

    int integer(Node node, String path) {
        String t = text(node, path, "an integer");
        if (!INTEGER.matcher(t).matches()) {
            throw new ConfigException(path, "expected an integer, got '" + t + "'");
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new ConfigException(path, "integer out of range, got '" + t + "'");
        }
    }

    boolean bool(Node node, String path) {
        String t = text(node, path, "true or false");
        return switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(path, "expected true or false, got '" + t + "'");
        };
    }

    double decimal(Node node, String path) {
        String t = text(node, path, "a number");
        if (!DECIMAL.matcher(t).matches()) {
            throw new ConfigException(path, "expected a number, got '" + t + "'");
        }
        return Double.parseDouble(t);
    }

    Duration duration(Node node, String path) {
        String t = text(node, path, "a duration");
        return DurationFormat.parse(t).orElseThrow(() -> INTEGER.matcher(t).matches()
                ? new ConfigException(path, "a duration needs a unit, e.g. '" + t + "s' (units: ms, s, m, h), got '" + t + "'")
                : new ConfigException(path, "expected a duration such as '500ms', '10s', '2m' or '1h', got '" + t + "'"));
    }

    URI uri(Node node, String path) {
        String t = text(node, path, "a URI");
        try {
            return new URI(t);
        } catch (URISyntaxException e) {
            throw new ConfigException(path, "not a valid URI: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    Path path(Node node, String path) {
        String t = text(node, path, "a path");
        try {
            return Path.of(t);
        } catch (InvalidPathException e) {
            throw new ConfigException(path, "not a valid path: " + e.getReason());
        }
    }

    Transport transport(Node node, String path) {
        return oneOf(node, path, Transport.values(), Transport::yamlName);
    }

    CameraAuth cameraAuth(Node node, String path) {
        return oneOf(node, path, CameraAuth.values(), CameraAuth::yamlName);
    }

    BlobStoreKind blobStoreKind(Node node, String path) {
        return oneOf(node, path, BlobStoreKind.values(), BlobStoreKind::yamlName);
    }

    /** One of {@code values} by its spelling in the file; the message lists them: "expected tcp, udp or auto". */
    private <E extends Enum<E>> E oneOf(Node node, String path, E[] values, Function<E, String> yamlName) {
        List<String> names = Arrays.stream(values).map(yamlName).toList();
        String expected = names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        String t = text(node, path, expected);
        for (E v : values) {
            if (yamlName.apply(v).equals(t)) {
                return v;
            }
        }
        throw new ConfigException(path, "expected " + expected + ", got '" + t + "'");
    }

    List<Node> list(Node node, String path) {
        if (node.getNodeType() != NodeType.SEQUENCE) {
            throw new ConfigException(path, "expected a list, got " + kind(node));
        }
        return ((SequenceNode) node).getValue();
    }

    private String text(Node node, String path, String expected) {
        if (!(node instanceof ScalarNode scalar) || MappingReader.isNull(node)) {
            throw new ConfigException(path, "expected " + expected + ", got " + kind(node));
        }
        return env.apply(scalar.getValue(), path);
    }

    static String kind(Node node) {
        return switch (node.getNodeType()) {
            case MAPPING -> "a mapping";
            case SEQUENCE -> "a list";
            default -> MappingReader.isNull(node) ? "null" : "a scalar";
        };
    }
}
