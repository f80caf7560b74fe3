package io.xueliang.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.plate.PlateFinding;
import io.xueliang.analytics.plate.PlateReader;
import io.xueliang.analytics.plate.PlateReadingService;
import io.xueliang.analytics.plate.ocr.DetectionSettings;
import io.xueliang.config.PlatesConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xueliang plates ...}: plate reading on still pictures, for checking a camera's view and measuring accuracy. */
@Command(name = "plates", mixinStandardHelpOptions = true, description = "Read plates in pictures, measure reading.",
        subcommands = {PlatesCommand.Read.class, PlatesCommand.Eval.class})
final class PlatesCommand implements Runnable {
    /** Bigger picture files are refused before decoding (a 8192 x 8192 JPEG is far below this). */
    static final long MAX_IMAGE_BYTES = 64L << 20;
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static PlateReader openReader(int threads) {
        // photographs come in every size: the detector's defaults, not the video cameras' input side
        return PlateReadingService.readers(PlatesConfig.defaults(), DetectionSettings.defaults(), threads).get();
    }

    static BgrImage load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_IMAGE_BYTES) {
            throw new IOException(size + " bytes, more than " + MAX_IMAGE_BYTES);
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not a picture ImageIO can read");
        }
        if (image.getWidth() > BgrImage.MAX_SIDE || image.getHeight() > BgrImage.MAX_SIDE) {
            throw new IOException(image.getWidth() + "x" + image.getHeight() + " pixels, more than " + BgrImage.MAX_SIDE);
        }
        return BgrImage.of(image);
    }

    static String colourWord(PlateFinding f) {
        return f.colour().name().toLowerCase(Locale.ROOT);
    }

    /** {@code xueliang plates read IMAGE...}: one JSON line per picture. */
    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Read the plates in pictures; prints {\"file\",\"plates\":[{\"text\",\"confidence\",\"box\",\"color\"}],\"ms\"} per line.")
    static final class Read implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "IMAGE")
        List<Path> images;

        @Option(names = "--threads", description = "ONNX Runtime threads (default: ${DEFAULT-VALUE}).")
        int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

        @Override
        public Integer call() throws IOException {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            int failures = 0;
            try (PlateReader reader = openReader(threads)) {
                for (Path file : images) {
                    StringWriter line = new StringWriter();
                    try (JsonGenerator json = JSON.createGenerator(line)) {
                        json.writeStartObject();
                        json.writeStringField("file", file.toString());
                        BgrImage image;
                        try {
                            image = load(file);
                        } catch (IOException e) {
                            failures++;
                            json.writeStringField("error", e.getMessage());
                            json.writeEndObject();
                            json.flush();
                            out.println(line);
                            continue;
                        }
                        long start = System.nanoTime();
                        List<PlateFinding> found = reader.read(image);
                        long elapsed = System.nanoTime() - start;
                        json.writeArrayFieldStart("plates");
                        for (PlateFinding f : found) {
                            json.writeStartObject();
                            json.writeStringField("text", f.text());
                            json.writeNumberField("confidence", Math.round(f.confidence() * 1000) / 1000.0);
                            json.writeArrayFieldStart("box");
                            for (int v : f.box().toPixels()) {
                                json.writeNumber(v);
                            }
                            json.writeEndArray();
                            json.writeStringField("color", colourWord(f));
                            json.writeEndObject();
                        }
                        json.writeEndArray();
                        json.writeNumberField("ms", Math.round(elapsed / 1e5) / 10.0);
                        json.writeEndObject();
                    }
                    out.println(line);
                }
            }
            return failures == 0 ? 0 : 1;
        }
    }

    /** {@code xueliang plates eval DIR [--json]}: accuracy and speed on a labelled set. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Measure plate reading on DIR/labels.tsv: exact-match share, character accuracy, detection "
                    + "recall and precision (IoU >= 0.3), ms per image. Rows without a box are crops, read without detection.")
    static final class Eval implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Option(names = "--threads", description = "ONNX Runtime threads (default: ${DEFAULT-VALUE}).")
        int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

        @Override
        public Integer call() throws IOException {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            Path labelsFile = dir.resolve("labels.tsv");
            if (!Files.isRegularFile(labelsFile)) {
                System.err.println("xueliang plates eval: no " + labelsFile);
                return 2;
            }
            PlateLabels labels = PlateLabels.read(labelsFile);
            PlateScore score = new PlateScore();
            try (PlateReader reader = openReader(threads)) {
                for (var entry : labels.byFile().entrySet()) {
                    String file = entry.getKey();
                    BgrImage image;
                    try {
                        image = load(dir.resolve(file));
                    } catch (IOException e) {
                        System.err.println("xueliang plates eval: " + file + ": " + e.getMessage());
                        return 2;
                    }
                    List<PlateLabels.Label> plates = entry.getValue();
                    if (plates.stream().allMatch(l -> l.box() == null)) {
                        for (PlateLabels.Label label : plates) {
                            long start = System.nanoTime();
                            Optional<PlateFinding> read = reader.readCrop(image);
                            score.crop(file, label.plate(), read.map(PlateFinding::text).orElse(null),
                                    System.nanoTime() - start);
                        }
                    } else {
                        long start = System.nanoTime();
                        List<PlateFinding> found = reader.read(image);
                        long elapsed = System.nanoTime() - start;
                        score.scene(file, plates.stream().filter(l -> l.box() != null).toList(), found, elapsed);
                    }
                }
            }
            if (json) {
                out.println(toJson(score));
            } else {
                printText(out, score);
            }
            return 0;
        }

        private static void printText(PrintStream out, PlateScore s) {
            out.printf(Locale.ROOT, "images %d, plates %d%n", s.images(), s.plates());
            out.printf(Locale.ROOT, "exact match        %.2f %%%n", 100 * s.exact());
            out.printf(Locale.ROOT, "character accuracy %.2f %%%n", 100 * s.charAccuracy());
            out.println("detection recall   " + percent(s.detectionRecall()));
            out.println("detection precision " + percent(s.detectionPrecision()));
            out.printf(Locale.ROOT, "ms per image       %.1f%n", s.msPerImage());
            for (PlateScore.Misread m : s.misreads()) {
                out.printf("misread %s: expected %s, got %s%n", m.file(), m.expected(), m.got().isEmpty() ? "nothing" : m.got());
            }
        }

        private static String percent(Double share) {
            return share == null ? "n/a (no boxed labels)" : String.format(Locale.ROOT, "%.2f %%", 100 * share);
        }

        static String toJson(PlateScore s) throws IOException {
            StringWriter text = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(text)) {
                g.writeStartObject();
                g.writeNumberField("images", s.images());
                g.writeNumberField("plates", s.plates());
                g.writeNumberField("exact", s.exact());
                g.writeNumberField("charAccuracy", s.charAccuracy());
                writeShare(g, "detectionRecall", s.detectionRecall());
                writeShare(g, "detectionPrecision", s.detectionPrecision());
                g.writeNumberField("msPerImage", s.msPerImage());
                g.writeArrayFieldStart("misreads");
                for (PlateScore.Misread m : s.misreads()) {
                    g.writeStartObject();
                    g.writeStringField("file", m.file());
                    g.writeStringField("expected", m.expected());
                    g.writeStringField("got", m.got());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            return text.toString();
        }

        private static void writeShare(JsonGenerator g, String name, Double share) throws IOException {
            if (share == null) {
                g.writeNullField(name);
            } else {
                g.writeNumberField(name, share);
            }
        }
    }
}
