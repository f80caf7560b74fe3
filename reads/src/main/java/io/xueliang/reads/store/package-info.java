/**
 * The read store: every consolidated plate read kept once by its id ({@link io.xueliang.reads.store.ReadStore}), fed
 * from the {@code plate-reads} topic by {@link io.xueliang.reads.store.ReadRecorder}, searched by plate pattern, time,
 * camera, colour and direction with keyset cursors, and trimmed by retention.
 */
package io.xueliang.reads.store;
