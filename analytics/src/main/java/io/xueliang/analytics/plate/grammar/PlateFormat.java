package io.xueliang.analytics.plate.grammar;

/** What kind of plate an accepted read is: a Chinese {@link PlateType} or a configured {@link PlatePattern}. */
public sealed interface PlateFormat permits PlateType, PlatePattern {
    String name();
}
