package io.xueliang.analytics.plate.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opt-in check on the development photographs, which the project does not ship: run with
 * {@code -Dplates.dev=/path/to/plates-dev}. Guards the tuned defaults against a regression.
 */
class CnScenesDetectionTest {

    @Test
    void findsNineInTenLabelledPlatesInStreetPhotographs() throws Exception {
        String root = System.getProperty("plates.dev");
        Assumptions.assumeTrue(root != null, "skipped: -Dplates.dev=<plates-dev dataset> not given");
        Path dir = Path.of(root, "cn-scenes");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("labels.tsv")), "skipped: no " + dir + "/labels.tsv");
        try (PlateDetector detector = DbNetPlateDetector.open(2, DetectionSettings.defaults())) {
            CnScenesEvaluation.Result result = CnScenesEvaluation.evaluate(dir, detector, null);
            System.out.println("cn-scenes: " + result);
            assertThat(result.recall()).isGreaterThanOrEqualTo(0.9);
            assertThat(result.precision()).isGreaterThanOrEqualTo(0.6);
        }
    }
}
