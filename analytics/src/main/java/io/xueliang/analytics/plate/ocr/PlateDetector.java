package io.xueliang.analytics.plate.ocr;
/** Finds plates in a picture. Implementations are not thread-safe unless they say so. */
public interface PlateDetector extends AutoCloseable {
    /** Plates found in {@code frame}, best first. */
    java.util.List<PlateCandidate> detect(io.xueliang.analytics.image.BgrImage frame);

    /**
     * As {@link #detect(io.xueliang.analytics.image.BgrImage)}, with the network's input at most {@code maxScale}
     * of the picture's size: a part of a frame is then detected at the scale of the whole frame. Crops still come
     * from the picture at full resolution.
     */
    default java.util.List<PlateCandidate> detect(io.xueliang.analytics.image.BgrImage frame, double maxScale) {
        return detect(frame);
    }
    @Override void close();
}
