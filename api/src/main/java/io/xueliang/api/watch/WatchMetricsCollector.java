package io.xueliang.api.watch;

import static io.xueliang.api.ops.Snapshots.counter;
import static io.xueliang.api.ops.Snapshots.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.reads.watch.WatchAlerter;
import io.xueliang.reads.watch.Watchlists;

/** Watch lists and alerts ({@code xueliang_watchlist_*}, {@code xueliang_alert_streams}), read when scraped. */
public final class WatchMetricsCollector implements MultiCollector {
    private final Watchlists lists;
    private final WatchAlerter alerter;
    private final AlertStreams streams;

    public WatchMetricsCollector(Watchlists lists, WatchAlerter alerter, AlertStreams streams) {
        this.lists = lists;
        this.alerter = alerter;
        this.streams = streams;
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(
                counter("xueliang_watchlist_alerts", "Alerts raised: a read matched a watch list", alerter.raised()),
                counter("xueliang_watchlist_repeated_matches", "Matches of reads delivered again, which raised no"
                        + " second alert", alerter.repeated()),
                counter("xueliang_watchlist_store_failures", "Attempts to store an alert that failed and were made"
                        + " again", alerter.failures()),
                gauge("xueliang_watchlist_entries", "Plates and patterns of the unexpired watch lists",
                        lists.matcher().size()),
                gauge("xueliang_alert_streams", "Alert streams (server-sent events) open", streams.openStreams()));
    }
}
