package io.xueliang.ingest.manscdp;

/** How a list answered over several MESSAGEs ({@link CatalogAssembler}, {@link RecordInfoAssembler}) ended. */
public enum AssemblyCompletion {
    /** SumNum distinct items arrived. */
    COMPLETE,
    /** No message for the quiet timeout before SumNum was reached: what arrived, partial. */
    TIMED_OUT,
    /** The peer sent more distinct items than the per-device limit: the first ones, partial. */
    TRUNCATED
}
