package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import java.util.List;

/**
 * Takes the whole picture for the one plate in it: for sources that deliver plate crops already (checkpoint
 * cameras with their own plate finder, labelled crop sets). Stateless and thread-safe.
 */
public final class WholePictureDetector implements PlateDetector {
    @Override
    public List<PlateCandidate> detect(BgrImage frame) {
        double w = frame.width();
        double h = frame.height();
        return List.of(new PlateCandidate(new double[] {0, 0, w, 0, w, h, 0, h}, new Box(0, 0, w, h), 1.0, frame));
    }

    @Override
    public void close() {
        // nothing held
    }
}
