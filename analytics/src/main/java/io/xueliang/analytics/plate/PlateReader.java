package io.xueliang.analytics.plate;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.colour.PlateColourClassifier;
import io.xueliang.analytics.plate.grammar.ChinesePlateGrammar;
import io.xueliang.analytics.plate.grammar.GrammarSettings;
import io.xueliang.analytics.plate.grammar.PatternPlateGrammar;
import io.xueliang.analytics.plate.grammar.PlateColour;
import io.xueliang.analytics.plate.grammar.PlatePattern;
import io.xueliang.analytics.plate.grammar.PlateVerdict;
import io.xueliang.analytics.plate.grammar.RecognisedText;
import io.xueliang.analytics.plate.ocr.PlateCandidate;
import io.xueliang.analytics.plate.ocr.PlateDetector;
import io.xueliang.analytics.plate.ocr.PlateRecogniser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Detection, recognition and grammar in one call: {@link #read} finds the plates of a picture and reads them,
 * {@link #readCrop} reads a picture that is already one plate. A candidate whose read no grammar accepts is dropped
 * (it is a sign, a sticker, or unreadable).
 *
 * <p>The Chinese grammar first gets the read with the colour seen on the crop, then, when that fails, with
 * {@link PlateColour#UNKNOWN}: a blue plate under sodium light looks yellow, and a wrong colour should cost the
 * colour, not the plate. Configured foreign patterns come last, on the recogniser's foreign read.
 *
 * <p>Owns the detector and the recogniser and closes them. Thread-confined: use one reader per thread.
 */
public final class PlateReader implements AutoCloseable {
    private final PlateDetector detector;
    private final PlateRecogniser recogniser;
    private final ChinesePlateGrammar chinese;
    private final PatternPlateGrammar foreign;
    private final PlateColourClassifier colours = new PlateColourClassifier();

    /**
     * @param foreignPatterns plate formats of other countries to accept besides Chinese plates; the recogniser must
     *                        have been built with their characters ({@link #foreignCharacters})
     */
    public PlateReader(PlateDetector detector, PlateRecogniser recogniser, GrammarSettings grammar,
                       List<PlatePattern> foreignPatterns) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.recogniser = Objects.requireNonNull(recogniser, "recogniser");
        this.chinese = new ChinesePlateGrammar(grammar);
        this.foreign = foreignPatterns.isEmpty() ? null : new PatternPlateGrammar(foreignPatterns, grammar);
    }

    /** Chinese plates only, default grammar settings. */
    public PlateReader(PlateDetector detector, PlateRecogniser recogniser) {
        this(detector, recogniser, GrammarSettings.DEFAULTS, List.of());
    }

    /** The characters a recogniser needs for {@code patterns}, to pass to {@link PlateRecogniser#PlateRecogniser(int, String)}. */
    public static String foreignCharacters(List<PlatePattern> patterns) {
        return patterns.stream().flatMapToInt(p -> p.alphabet().codePoints()).distinct()
                .mapToObj(Character::toString).collect(Collectors.joining());
    }

    /** The plates in {@code image}, in the detector's order (best first). */
    public List<PlateFinding> read(BgrImage image) {
        List<PlateFinding> found = new ArrayList<>();
        for (PlateCandidate candidate : detector.detect(image)) {
            read(candidate).ifPresent(found::add);
        }
        return found;
    }

    /**
     * The plates inside {@code region} of {@code image}, found by detecting on that part only (cheaper when it is
     * small), with boxes in {@code image}'s pixels. The region is clipped to the picture.
     */
    public List<PlateFinding> read(BgrImage image, Box region) {
        return read(image, region, 1.0);
    }

    /**
     * As {@link #read(BgrImage, Box)}, detecting at most at {@code scale} of the picture's size (the scale the
     * whole picture is detected at, so that a part costs its share of the whole); crops are read at full size.
     */
    public List<PlateFinding> read(BgrImage image, Box region, double scale) {
        int x = (int) Math.floor(region.x());
        int y = (int) Math.floor(region.y());
        BgrImage part = image.crop(x, y, (int) Math.ceil(region.x() + region.width()) - x,
                (int) Math.ceil(region.y() + region.height()) - y);
        // crop clips to the picture: where it starts
        int dx = Math.clamp(x, 0, image.width() - 1);
        int dy = Math.clamp(y, 0, image.height() - 1);
        List<PlateFinding> found = new ArrayList<>();
        for (PlateCandidate candidate : detector.detect(part, scale)) {
            read(candidate).ifPresent(f -> found.add(f.shifted(dx, dy)));
        }
        return found;
    }

    /** The candidate's own crop, else its fallbacks in order: the first that reads as a plate. */
    private Optional<PlateFinding> read(PlateCandidate candidate) {
        Optional<PlateFinding> finding = readPlate(candidate.crop(), candidate.box());
        for (int i = 0; finding.isEmpty() && i < candidate.fallbacks().size(); i++) {
            finding = read(candidate.fallbacks().get(i));
        }
        return finding;
    }

    /** Reads {@code crop} as one upright plate, without detection; the finding's box is the whole crop. */
    public Optional<PlateFinding> readCrop(BgrImage crop) {
        return readPlate(crop, new Box(0, 0, crop.width(), crop.height()));
    }

    private Optional<PlateFinding> readPlate(BgrImage crop, Box box) {
        PlateColour seen = colours.classify(crop);
        List<RecognisedText> readings = recogniser.readings(crop);
        PlateVerdict verdict = chinese.read(readings.getFirst(), seen);
        if (!(verdict instanceof PlateVerdict.Accepted) && seen != PlateColour.UNKNOWN) {
            verdict = chinese.read(readings.getFirst(), PlateColour.UNKNOWN);
        }
        if (foreign != null && readings.size() > 1) {
            // the Chinese decoder forces a plate shape on any line: a foreign plate read more surely wins
            PlateVerdict other = foreign.read(readings.get(1), seen);
            if (other instanceof PlateVerdict.Accepted o && (!(verdict instanceof PlateVerdict.Accepted c)
                    || o.confidence() > c.confidence())) {
                verdict = other;
            }
        }
        if (!(verdict instanceof PlateVerdict.Accepted accepted)) {
            return Optional.empty();
        }
        double[] confidences = accepted.confidences().stream().mapToDouble(Double::doubleValue).toArray();
        // the grammar's colour: the one seen when it fits the plate type, else the type's own
        return Optional.of(new PlateFinding(accepted.text(), accepted.confidence(), confidences, box, accepted.colour(),
                accepted, crop));
    }

    @Override
    public void close() {
        try {
            detector.close();
        } finally {
            recogniser.close();
        }
    }
}
