package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.xueliang.synth.plate.ChinesePlateRenderer;
import io.xueliang.synth.plate.PlateSpec;
import io.xueliang.synth.plate.PlateType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code xueliang plates eval} and {@code plates read} on a labelled set of rendered plates written to a folder. */
class PlatesCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) { }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    /** Writes a plate {@code width} wide on a grey picture {@code pad} pixels larger each side; answers its box. */
    private static int[] writePlate(ChinesePlateRenderer renderer, Path file, String text, PlateType type, int width,
                                    int pad) throws Exception {
        BufferedImage plate = renderer.render(new PlateSpec(text, type), width);
        BufferedImage picture = new BufferedImage(width + 2 * pad, plate.getHeight() + 2 * pad, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(80, 85, 90));
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.drawImage(plate, pad, pad, null);
        g.dispose();
        ImageIO.write(picture, "png", file.toFile());
        return new int[] {pad, pad, width, plate.getHeight()};
    }

    @Test
    void evalReportsAccuracyAndDetectionOnRenderedPlatesAndReadPrintsJsonLines() throws Exception {
        ChinesePlateRenderer renderer = new ChinesePlateRenderer();
        StringBuilder labels = new StringBuilder("# filename\tplate\tbbox_xywh\tattrs\n");
        writePlate(renderer, dir.resolve("crop1.png"), "湘C12345", PlateType.BLUE, 160, 4);
        labels.append("crop1.png\t湘C12345\t\tcrop=168x59\n");
        writePlate(renderer, dir.resolve("crop2.png"), "京A8M2K9", PlateType.YELLOW, 200, 5);
        labels.append("crop2.png\t京A8M2K9\t\t\n");
        writePlate(renderer, dir.resolve("crop3.png"), "粤BD12345", PlateType.GREEN_NEW_ENERGY, 220, 5);
        labels.append("crop3.png\t粤BD12345\t\t\n");
        int[] box = writePlate(renderer, dir.resolve("scene1.png"), "苏E5G7H2", PlateType.BLUE, 200, 20);
        labels.append("scene1.png\t苏E5G7H2\t" + box[0] + "," + box[1] + "," + box[2] + "," + box[3] + "\tcolor=蓝牌\n");
        // a label the reader cannot match: the picture shows 湘C12345
        labels.append("crop4.png\t湘C99999\t\t\n");
        Files.copy(dir.resolve("crop1.png"), dir.resolve("crop4.png"));
        Files.writeString(dir.resolve("labels.tsv"), labels.toString());

        Run eval = run("plates", "eval", dir.toString(), "--json");
        assertThat(eval.exit()).as(eval.out()).isZero();
        Map<String, Object> figures = parse(eval.out().strip());
        assertThat(figures).containsEntry("images", 5).containsEntry("plates", 5);
        assertThat((double) figures.get("exact")).isEqualTo(0.8);
        assertThat((double) figures.get("charAccuracy")).isEqualTo((36 - 5) / 36.0, org.assertj.core.data.Offset.offset(1e-9)); // 5 of 36 characters wrong
        assertThat((double) figures.get("detectionRecall")).isEqualTo(1.0);
        assertThat((double) figures.get("detectionPrecision")).isEqualTo(1.0);
        assertThat((double) figures.get("msPerImage")).isPositive();
        assertThat(eval.out()).contains("\"misreads\":[{\"file\":\"crop4.png\",\"expected\":\"湘C99999\",\"got\":\"湘C12345\"}]");

        Run text = run("plates", "eval", dir.toString());
        assertThat(text.out()).contains("exact match        80.00 %", "detection recall   100.00 %",
                "misread crop4.png: expected 湘C99999, got 湘C12345");

        Run read = run("plates", "read", dir.resolve("scene1.png").toString(), dir.resolve("labels.tsv").toString());
        assertThat(read.exit()).as("a file that is no picture fails the run").isEqualTo(1);
        List<String> lines = read.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"file\":\"" + dir.resolve("scene1.png") + "\",\"plates\":[{\"text\":\"苏E5G7H2\",\"confidence\":")
                .contains("\"color\":\"blue\"").containsPattern("\"box\":\\[\\d+,\\d+,\\d+,\\d+\\]").containsPattern("\"ms\":[0-9.]+}$");
        assertThat(lines.get(1)).contains("\"error\":");
    }

    /** The top-level scalar fields of a JSON object. */
    private static Map<String, Object> parse(String json) throws Exception {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (value) {
                    case VALUE_NUMBER_INT -> fields.put(name, p.getIntValue());
                    case VALUE_NUMBER_FLOAT -> fields.put(name, p.getDoubleValue());
                    case VALUE_NULL -> fields.put(name, null);
                    default -> p.skipChildren();
                }
            }
        }
        return fields;
    }
}
