package io.xueliang.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.CameraConfig;
import io.xueliang.config.Gb28181Config;
import io.xueliang.config.SuperiorPlatformConfig;
import io.xueliang.config.Location;
import io.xueliang.config.Transport;
import io.xueliang.config.XueliangConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code config/reference.yaml} is the documentation of every option: it must equal the defaults
 * in code (mediamtx TestDefaultConfFile) and name every record component, so an option cannot be
 * added without documenting it.
 */
class ReferenceFileTest {
    /** Surefire runs in the module directory. */
    private static final Path REFERENCE = Path.of("reference.yaml");
    private static final String EXAMPLE_START = "# cameras:";

    @Test
    void referenceFileEqualsTheDefaultsInCode() throws IOException {
        assertThat(ConfigLoader.load(REFERENCE, Map.of())).isEqualTo(XueliangConfig.defaults());
    }

    @Test
    void referenceFileShipsInTheJar() throws IOException {
        try (InputStream in = XueliangConfig.class.getResourceAsStream("reference.yaml")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(REFERENCE));
        }
    }

    @Test
    void everyRecordComponentHasAKeyInTheReferenceFile() throws IOException {
        Set<String> documented = new TreeSet<>(keyPaths(compose(Files.readString(REFERENCE)), ""));
        documented.addAll(keyPaths(compose(exampleCamera()), ""));
        documented.addAll(keyPaths(compose(commentedExample("  #   retention:")), "recording"));
        // reads.retention takes the same rules as recording.retention, whose example shows them all
        documented.addAll(keyPaths(compose(commentedExample("  #   retention:")), "reads"));
        documented.addAll(keyPaths(compose(gb28181Example()), ""));

        assertThat(documented).isEqualTo(componentPaths(XueliangConfig.class, ""));
    }

    @Test
    void everyKeyHasAComment() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        List<String> undocumented = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean leafKey = line.matches("\\s+\\w+: .*");
            checked += leafKey ? 1 : 0;
            if (leafKey && !lines.get(i - 1).trim().startsWith("#")) {
                undocumented.add(line.trim());
            }
            boolean exampleKey = line.matches("#\\s+(- )?\\w+: .*");
            checked += exampleKey ? 1 : 0;
            if (exampleKey && !line.substring(1).contains("#")) {
                undocumented.add(line);
            }
        }
        // 92 leaf keys in the sections (17 http, 10 storage, 8 recording, 16 ingest, 14 plates, 6 audit, 4 exports,
        // 5 reads, 6 reads.watchlists, 6 cameraDefaults), 13 in the camera example, 25 in the gb28181 example
        assertThat(checked).as("key lines found").isEqualTo(92 + 13 + 25);
        assertThat(undocumented).isEmpty();
    }

    @Test
    void exampleCameraLoadsAsDocumented() throws IOException {
        XueliangConfig config = ConfigLoader.parse(exampleCamera(), "example", Map.of("CAM_PASS", "pw"));

        assertThat(config.cameras()).containsExactly(new CameraConfig(
                "43032100001210000001",
                "易俗河卡口东",
                List.of("湘潭县", "易俗河镇"),
                new Location(27.78, 112.95),
                URI.create("rtsp://admin:pw@10.0.0.5:554/Streaming/Channels/101"),
                URI.create("rtsp://admin:pw@10.0.0.5:554/Streaming/Channels/102"),
                Transport.TCP, true, true, true, true, "eastbound"));
    }

    @Test
    void gb28181ExampleLoadsAsDocumented() throws IOException {
        XueliangConfig config = ConfigLoader.parse(gb28181Example(), "example",
                Map.of("GB_PASSWORD", "pw1", "CITY_GB_PASSWORD", "pw2"));

        Gb28181Config defaults = Gb28181Config.withDefaults("43032100002000000001", "4303210000", "pw1");
        assertThat(config.gb28181Section()).contains(defaults.withSuperiors(List.of(new SuperiorPlatformConfig(
                "43000000002000000001", "4300000000", "10.43.0.10", 5060, Transport.UDP, "pw2", Duration.ofHours(1),
                Duration.ofSeconds(60), List.of("湘潭县")))));
        assertThat(ConfigLoader.load(REFERENCE, Map.of()).gb28181Section()).as("off unless configured").isEmpty();
    }

    /** The commented gb28181 example, uncommented: from its first line to the first line not deeper than it. */
    private static String gb28181Example() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int start = lines.indexOf("# gb28181:");
        assertThat(start).as("gb28181 example").isPositive();
        StringBuilder yaml = new StringBuilder("gb28181:\n");
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith("#   ")) {
                break;
            }
            yaml.append(line.substring(2)).append('\n');
        }
        return yaml.toString();
    }

    /** The commented example at the end of the file, uncommented. */
    private static String exampleCamera() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int start = lines.indexOf(EXAMPLE_START);
        assertThat(start).as("example camera block starting with '%s'", EXAMPLE_START).isPositive();
        StringBuilder yaml = new StringBuilder();
        for (String line : lines.subList(start, lines.size())) {
            assertThat(line).startsWith("# ");
            yaml.append(line.substring(2)).append('\n');
        }
        return yaml.toString();
    }

    /** A commented example inside a section: the line {@code first} and the deeper commented lines after it. */
    private static String commentedExample(String first) throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int start = lines.indexOf(first);
        assertThat(start).as("commented example starting with '%s'", first).isPositive();
        StringBuilder yaml = new StringBuilder(first.substring(first.indexOf('#') + 4)).append('\n');
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith(first.substring(0, first.indexOf('#') + 1) + "     ")) {
                break;
            }
            yaml.append(line.substring(first.indexOf('#') + 4)).append('\n');
        }
        return yaml.toString();
    }

    private static Node compose(String yaml) {
        return new Compose(LoadSettings.builder().build()).composeString(yaml).orElseThrow();
    }

    private static Set<String> keyPaths(Node node, String path) {
        Set<String> paths = new TreeSet<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = path + (path.isEmpty() ? "" : ".") + ((ScalarNode) tuple.getKeyNode()).getValue();
                paths.add(key);
                paths.addAll(keyPaths(tuple.getValueNode(), key));
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                paths.addAll(keyPaths(item, path + "[]"));
            }
        }
        return paths;
    }

    /** Key paths derived from the records: a nested record is a mapping, a list of records a list of mappings. */
    private static Set<String> componentPaths(Class<?> record, String path) {
        Set<String> paths = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            String key = path + (path.isEmpty() ? "" : ".") + c.getName();
            paths.add(key);
            if (c.getType().isRecord()) {
                paths.addAll(componentPaths(c.getType(), key));
            } else if (c.getType() == List.class
                    && c.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> element
                    && element.isRecord()) {
                paths.addAll(componentPaths(element, key + "[]"));
            }
        }
        return paths;
    }
}
