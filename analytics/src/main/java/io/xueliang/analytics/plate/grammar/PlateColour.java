package io.xueliang.analytics.plate.grammar;

/** Background colour of a plate as the detector saw it; {@link #UNKNOWN} when it could not tell. */
public enum PlateColour {
    BLUE, YELLOW, GREEN, WHITE, BLACK, UNKNOWN
}
