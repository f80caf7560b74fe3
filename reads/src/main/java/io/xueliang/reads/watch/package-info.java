/**
 * Watch lists (布控, DESIGN.md §9): plates and patterns with a reason, an owner and an expiry; every read of the
 * {@code plate-reads} topic is matched against the unexpired ones, and a match raises a {@link
 * io.xueliang.reads.watch.PlateAlert}: stored, with acknowledgement, and published on the {@code plate-alerts} topic.
 */
package io.xueliang.reads.watch;
