package io.xueliang.analytics.plate.grammar;

import java.util.EnumSet;
import java.util.Set;

/**
 * Chinese plate types of GA 36-2018 that the grammar accepts, with the colours a detector may report for each.
 * A read whose colour is {@link PlateColour#UNKNOWN} can be any type except those that only the colour tells
 * apart ({@link #SMALL_CAR} and {@link #LARGE_VEHICLE} become {@link #ORDINARY}).
 */
public enum PlateType implements PlateFormat {
    /** Blue, 7 characters: province, issuing-authority letter, 5 letters or digits. */
    SMALL_CAR(PlateColour.BLUE, PlateColour.BLUE),
    /** Yellow, 7 characters, same layout as the small car. */
    LARGE_VEHICLE(PlateColour.YELLOW, PlateColour.YELLOW),
    /** Blue small car or yellow large vehicle whose colour was not seen. */
    ORDINARY(PlateColour.UNKNOWN, PlateColour.UNKNOWN),
    /** Yellow coach-car plate ending in 学. */
    LEARNER(PlateColour.YELLOW, PlateColour.YELLOW, PlateColour.UNKNOWN),
    /** Yellow trailer plate ending in 挂. */
    TRAILER(PlateColour.YELLOW, PlateColour.YELLOW, PlateColour.UNKNOWN),
    /** Green gradient, 8 characters: the serial starts with D/F (or the later A-K series), then 1 letter or digit, then 4 digits. */
    NEW_ENERGY_SMALL(PlateColour.GREEN, PlateColour.GREEN, PlateColour.UNKNOWN),
    /** Yellow-green, 8 characters: 5 digits then D or F. */
    NEW_ENERGY_LARGE(PlateColour.UNKNOWN, PlateColour.GREEN, PlateColour.YELLOW, PlateColour.UNKNOWN),
    /** White police plate ending in a red 警. */
    POLICE(PlateColour.WHITE, PlateColour.WHITE, PlateColour.UNKNOWN),
    /** Black embassy plate: 使 then 6 digits (3 for the mission, 3 for the vehicle). */
    EMBASSY(PlateColour.BLACK, PlateColour.BLACK, PlateColour.UNKNOWN),
    /** Black consulate plate ending in 领. */
    CONSULATE(PlateColour.BLACK, PlateColour.BLACK, PlateColour.UNKNOWN),
    /** Black 粤Z plate of a Hong Kong or Macau vehicle ending in 港 or 澳. */
    HONG_KONG_MACAU(PlateColour.BLACK, PlateColour.BLACK, PlateColour.UNKNOWN);

    private final PlateColour colour;
    private final Set<PlateColour> readableFrom;

    PlateType(PlateColour colour, PlateColour first, PlateColour... rest) {
        this.colour = colour;
        this.readableFrom = EnumSet.of(first, rest);
    }

    /** The plate's own colour, {@link PlateColour#UNKNOWN} where the type does not fix one. */
    public PlateColour colour() {
        return colour;
    }

    boolean readableFrom(PlateColour seen) {
        return readableFrom.contains(seen);
    }
}
