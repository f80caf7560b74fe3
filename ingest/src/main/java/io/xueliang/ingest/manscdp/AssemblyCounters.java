package io.xueliang.ingest.manscdp;

/**
 * Counts of an assembler since its creation.
 *
 * @param duplicateItems items that repeated one already in their assembly
 * @param replaced       unfinished assemblies dropped for a newer SN of the same device
 * @param lateMessages   messages of an SN that had just finished or been replaced
 * @param refused        messages refused because the most assemblies allowed at once were open
 */
public record AssemblyCounters(long completed, long timedOut, long truncated, long duplicateItems, long replaced,
                               long lateMessages, long refused) {
}
