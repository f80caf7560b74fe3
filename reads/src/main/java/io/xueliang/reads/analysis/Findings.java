package io.xueliang.reads.analysis;

import java.util.List;

/**
 * What an analysis found, in its order, cut at {@link AnalysisLimits#maxResults()}.
 *
 * @param items     the findings
 * @param truncated more were found than kept
 */
public record Findings<T>(List<T> items, boolean truncated) {
    public Findings {
        items = List.copyOf(items);
    }

    /** Findings of at most {@code max} of {@code all}, which are in order. */
    static <T> Findings<T> of(List<T> all, int max) {
        return all.size() > max ? new Findings<>(all.subList(0, max), true) : new Findings<>(all, false);
    }

    /**
     * One page.
     *
     * @param offset findings skipped, 0 or more
     * @param limit  most on the page, 1-{@link AnalysisLimits#MAX_PAGE}
     */
    public Page<T> page(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: must be 0 or more, got " + offset);
        }
        if (limit < 1 || limit > AnalysisLimits.MAX_PAGE) {
            throw new IllegalArgumentException("limit: must be 1-" + AnalysisLimits.MAX_PAGE + ", got " + limit);
        }
        int from = Math.min(offset, items.size());
        int to = Math.min(items.size(), from + limit);
        return new Page<>(items.subList(from, to), items.size(), to < items.size() ? to : null, truncated);
    }

    /**
     * @param items      this page's findings
     * @param total      findings in all
     * @param nextOffset the next page's offset, or null after the last
     * @param truncated  the analysis found more than it kept
     */
    public record Page<T>(List<T> items, int total, Integer nextOffset, boolean truncated) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
