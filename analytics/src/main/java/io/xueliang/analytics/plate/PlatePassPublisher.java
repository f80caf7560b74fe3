package io.xueliang.analytics.plate;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.plate.grammar.PlateGrammar;
import io.xueliang.analytics.plate.grammar.PlateVerdict;
import io.xueliang.analytics.plate.grammar.RecognisedText;
import io.xueliang.analytics.track.PlatePass;
import io.xueliang.media.CameraId;
import io.xueliang.media.EventBus;
import io.xueliang.media.ImageStore;
import io.xueliang.media.PlateRead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished track into a {@link PlateRead} on the event bus: stores the plate crop and the
 * overview picture as JPEG first (when asked to), so that the read refers to images that exist. A
 * failed image store does not lose the read: it is published without the image's key, and logged.
 */
public final class PlatePassPublisher {
    /** Read ids carry 74 random bits: unguessable, as they appear in URLs of images and reads. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Logger LOG = LoggerFactory.getLogger(PlatePassPublisher.class);
    private static final float CROP_QUALITY = 0.92f;
    private static final float OVERVIEW_QUALITY = 0.8f;

    private final EventBus<PlateRead> bus;
    private final ImageStore images;
    private final PlateGrammar grammar;
    private final double minConfidence;

    /**
     * @param images where the pictures go, or null not to keep them
     * @param grammar tells the voted text's format (the vote may join reads the grammar fixed differently)
     */
    public PlatePassPublisher(EventBus<PlateRead> bus, ImageStore images, PlateGrammar grammar, double minConfidence) {
        this.bus = bus;
        this.images = images;
        this.grammar = grammar;
        this.minConfidence = minConfidence;
    }

    /**
     * Publishes {@code pass} unless it is below the minimum confidence or its voted text is no plate.
     *
     * @return the published read, or null when none was
     */
    public PlateRead publish(CameraId camera, PlatePass pass) {
        if (pass.confidence() < minConfidence || pass.text().isEmpty()
                || pass.text().length() > PlateRead.MAX_TEXT_LENGTH) {
            return null;
        }
        PlateVerdict verdict = grammar.read(RecognisedText.uniform(pass.text(), 1.0), pass.colour());
        if (!(verdict instanceof PlateVerdict.Accepted accepted)) {
            LOG.debug("camera {}: voted text {} is no plate ({})", camera, pass.text(), verdict);
            return null;
        }
        UUID id = PlateRead.newId(pass.time(), RANDOM);
        String crop = store(camera, pass, id + "-plate", pass.bestCrop(), CROP_QUALITY);
        String overview = store(camera, pass, id + "-overview", pass.overview(), OVERVIEW_QUALITY);
        int[] box = pass.box().toPixels();
        List<Double> chars = new ArrayList<>();
        for (double c : pass.charConfidences()) {
            chars.add(Math.clamp(c, 0.0, 1.0));
        }
        PlateRead read = new PlateRead(id, camera, pass.time(), accepted.text(), PlateRead.normalise(accepted.text()),
                pass.colour().name().toLowerCase(Locale.ROOT), accepted.format().name(),
                Math.clamp(pass.confidence(), 0.0, 1.0), chars, new PlateRead.Box(box[0], box[1], box[2], box[3]),
                pass.trackId(), PlateRead.Direction.valueOf(pass.direction().name()), pass.observations(), crop,
                overview);
        bus.publish(PlateRead.TOPIC, read);
        return read;
    }

    private String store(CameraId camera, PlatePass pass, String name, BgrImage image, float quality) {
        if (images == null) {
            return null;
        }
        try {
            return images.store(camera, pass.time(), name, jpeg(image, quality));
        } catch (IOException | RuntimeException e) {
            LOG.warn("camera {}: could not store {} of read {}; the read goes out without it", camera, name,
                    pass.text(), e);
            return null;
        }
    }

    /** {@code image} as a baseline JPEG of the given quality, 0..1. */
    public static byte[] jpeg(BgrImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.width() * image.height() / 4 + 1024);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
