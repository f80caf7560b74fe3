package io.xueliang.analytics.plate.grammar;

/** Decides whether a recognised text is a plate, and which. Implementations are immutable and thread-safe. */
public interface PlateGrammar {
    PlateVerdict read(RecognisedText text, PlateColour colour);
}
