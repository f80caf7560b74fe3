package io.xueliang.bench.proc;

/**
 * CPU time and resident memory of a set of processes at one moment.
 *
 * @param cpuNanos user + system CPU time consumed so far, summed
 * @param rssBytes resident set size, summed
 * @param atNanos when the sample was taken (System.nanoTime)
 */
public record ProcessSample(long cpuNanos, long rssBytes, long atNanos) {

    /** Share of one core used between {@code earlier} and this sample (1.0 = one full core). */
    public double coresSince(ProcessSample earlier) {
        return (double) (cpuNanos - earlier.cpuNanos) / (atNanos - earlier.atNanos);
    }
}
