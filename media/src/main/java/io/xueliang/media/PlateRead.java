package io.xueliang.media;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * One vehicle pass at a plate-reading camera: the consolidated read of one track, with the images that
 * prove it. Immutable.
 *
 * @param id              unique per read
 * @param camera          where the vehicle passed
 * @param time            when it passed the camera's trigger line (else its best-seen moment)
 * @param text            the plate as read and accepted by the grammar (no separators for Chinese plates)
 * @param normalised      upper-case letters, digits and CJK characters only: what searches compare
 * @param colour          plate background: blue, yellow, green, white, black or unknown
 * @param format          the plate type or foreign pattern the grammar matched (e.g. {@code BLUE}, {@code DE})
 * @param confidence      the read's confidence, 0..1 (the weakest character's vote)
 * @param charConfidences one per character of {@code text}, 0..1
 * @param box             where the plate was in the overview image
 * @param trackId         the tracker's id of the pass, unique per camera and run
 * @param direction       how the vehicle moved relative to the camera
 * @param observations    how many sampled frames saw the plate
 * @param cropImage       blob key of the plate crop (JPEG), or null when it could not be stored
 * @param overviewImage   blob key of the overview frame (JPEG), or null when it could not be stored
 */
public record PlateRead(UUID id, CameraId camera, Instant time, String text, String normalised, String colour,
                        String format, double confidence, List<Double> charConfidences, Box box, long trackId,
                        Direction direction, int observations, String cropImage, String overviewImage) {

    /** Topic of consolidated reads on the {@link EventBus}. */
    public static final String TOPIC = "plate-reads";

    /** Longest plate text kept; reads are plates, not paragraphs. */
    public static final int MAX_TEXT_LENGTH = 16;

    /** How the vehicle moved in the picture. */
    public enum Direction {
        /** Towards the camera: the plate grows and moves down the picture. */
        APPROACHING,
        /** Away from the camera: the plate shrinks and moves up. */
        RECEDING,
        /** Across the picture to the left. */
        LEFT,
        /** Across the picture to the right. */
        RIGHT,
        /** Hardly moved while seen (standing in a queue, or seen too briefly to tell). */
        STATIONARY
    }

    /** A rectangle in pixels: top-left corner, width, height. */
    public record Box(int x, int y, int width, int height) {
        public Box {
            if (width < 0 || height < 0) {
                throw new IllegalArgumentException("box of " + width + "x" + height + " pixels");
            }
        }
    }

    public PlateRead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(normalised, "normalised");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(direction, "direction");
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("plate text '" + text + "' is not 1-" + MAX_TEXT_LENGTH + " characters");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " outside [0, 1]");
        }
        charConfidences = List.copyOf(charConfidences);
    }

    /**
     * A new read id: a version 7 UUID (RFC 9562), whose first 48 bits are {@code time} in milliseconds and the rest
     * random. Ids made in time order land at the end of the read store's id index instead of all over it, which keeps
     * inserts fast at hundreds of millions of reads; they stay unique and unguessable (74 random bits).
     */
    public static UUID newId(Instant time, RandomGenerator random) {
        long millis = time.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** Upper-case letters, digits and CJK ideographs of {@code text}, in order: {@code 湘F·11370} gives {@code 湘F11370}. */
    public static String normalise(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) && c < 0x80) {
                s.append(Character.toUpperCase((char) c));
            } else if (Character.isIdeographic(c)) {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }
}
