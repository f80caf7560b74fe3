package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Development harness: detection recall, precision and time per image on the labelled photographs of
 * {@code plates-dev/cn-scenes} (not part of the project; see the dataset's README). A labelled plate is
 * found when one candidate's axis-aligned box has IoU >= 0.3 with the labelled {@code bbox_xywh}; each
 * candidate matches at most one plate, greedily by IoU; a candidate matching no plate is a false
 * positive (unlabelled plates in the background count against precision).
 *
 * <p>Run: {@code java -cp ... io.xueliang.analytics.plate.ocr.CnScenesEvaluation <dataset dir> [limitSide]
 * [dump dir]}; the dump dir receives every crop, named hit/miss, to look at.
 */
public final class CnScenesEvaluation {
    static final double MATCH_IOU = 0.3;

    record Result(int images, int plates, int found, double meanIou, int candidates, int falsePositives,
            double msPerImage,
            List<String> missed) {
        double recall() {
            return plates == 0 ? 0 : (double) found / plates;
        }

        double precision() {
            return candidates == 0 ? 0 : (double) (candidates - falsePositives) / candidates;
        }

        @Override
        public String toString() {
            return String.format("images %d, plates %d: recall %.3f (%d, mean IoU %.2f), precision %.3f (%d of %d candidates false),"
                    + " %.1f ms per image", images, plates, recall(), found, meanIou, precision(), falsePositives, candidates,
                    msPerImage);
        }
    }

    private CnScenesEvaluation() {
    }

    static Map<String, List<Box>> labels(Path dir) throws IOException {
        Map<String, List<Box>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            String[] b = f[2].split(",");
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Box(Double.parseDouble(b[0]),
                    Double.parseDouble(b[1]), Double.parseDouble(b[2]), Double.parseDouble(b[3])));
        }
        return out;
    }

    static Result evaluate(Path dir, PlateDetector detector, Path dump) throws IOException {
        Map<String, List<Box>> labels = labels(dir);
        int plates = 0;
        int found = 0;
        double iouSum = 0;
        int candidates = 0;
        int falsePositives = 0;
        long nanos = 0;
        List<String> missed = new ArrayList<>();
        // warm-up: the first run pays for ONNX Runtime's allocations
        String first = labels.keySet().iterator().next();
        detector.detect(BgrImage.of(ImageIO.read(dir.resolve(first).toFile())));
        for (var e : labels.entrySet()) {
            BgrImage frame = BgrImage.of(ImageIO.read(dir.resolve(e.getKey()).toFile()));
            long t0 = System.nanoTime();
            List<PlateCandidate> got = detector.detect(frame);
            nanos += System.nanoTime() - t0;
            List<Box> truth = e.getValue();
            plates += truth.size();
            candidates += got.size();
            boolean[] used = new boolean[got.size()];
            for (Box plate : truth) {
                int best = -1;
                double bestIou = MATCH_IOU;
                for (int i = 0; i < got.size(); i++) {
                    double iou = got.get(i).box().iou(plate);
                    if (!used[i] && iou >= bestIou) {
                        best = i;
                        bestIou = iou;
                    }
                }
                if (best >= 0) {
                    used[best] = true;
                    found++;
                    iouSum += bestIou;
                } else {
                    missed.add(e.getKey() + " " + plate);
                }
            }
            for (int i = 0; i < got.size(); i++) {
                if (!used[i]) {
                    falsePositives++;
                }
                if (Boolean.getBoolean("features")) {
                    PlateCandidate c = got.get(i);
                    PlateBackground.Verdict v = PlateBackground.of(c.crop());
                    double[] k = c.corners();
                    double w = Math.hypot(k[2] - k[0], k[3] - k[1]);
                    double h = Math.hypot(k[6] - k[0], k[7] - k[1]);
                    System.out.printf("feature\t%s\t%s\t%.2f\t%.1f\t%.2f\t%s\t%.2f\t%.2f%n", e.getKey(),
                            used[i] ? "hit" : "fp", c.score(), h, w / h, v.colour(), v.share(), v.foreign());
                }
                if (dump != null) {
                    String name = e.getKey().replace(".jpg", "") + "_" + i + (used[i] ? "_hit" : "_fp") + ".png";
                    ImageIO.write(got.get(i).crop().toBufferedImage(), "png", dump.resolve(name).toFile());
                }
            }
        }
        return new Result(labels.size(), plates, found, found == 0 ? 0 : iouSum / found, candidates, falsePositives, nanos / 1e6 / labels.size(),
                missed);
    }

    private static double dbl(String name, double fallback) {
        String v = System.getProperty(name);
        return v == null ? fallback : Double.parseDouble(v);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        DetectionSettings d = DetectionSettings.defaults();
        // -D overrides for tuning
        DetectionSettings settings = new DetectionSettings(args.length > 1 ? Integer.parseInt(args[1]) : d.limitSide(),
                dbl("thresh", d.binaryThreshold()), dbl("boxThresh", d.boxThreshold()), dbl("unclip", d.unclipRatio()),
                dbl("growAlong", d.growAlong()), dbl("growAcross", d.growAcross()), dbl("minHeight", d.minHeight()),
                dbl("minAspect", d.minAspect()), dbl("maxAspect", d.maxAspect()),
                dbl("minBackground", d.minBackground()), d.maxCandidates());
        Path dump = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : null;
        int threads = Integer.getInteger("threads", 2);
        try (PlateDetector detector = DbNetPlateDetector.open(threads, settings)) {
            Result r = evaluate(dir, detector, dump);
            System.out.println(settings);
            System.out.println(r);
            if (Boolean.getBoolean("missed")) {
                r.missed().forEach(m -> System.out.println("missed " + m));
            }
        }
    }
}
