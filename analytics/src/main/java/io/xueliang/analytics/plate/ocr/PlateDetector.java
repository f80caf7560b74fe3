package io.xueliang.analytics.plate.ocr;
/** Finds plates in a picture. Implementations are not thread-safe unless they say so. */
public interface PlateDetector extends AutoCloseable {
    /** Plates found in {@code frame}, best first. */
    java.util.List<PlateCandidate> detect(io.xueliang.analytics.image.BgrImage frame);
    @Override void close();
}
