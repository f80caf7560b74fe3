/**
 * Evidence export jobs (DESIGN.md §7): a request for cameras over a time range becomes, in the background, a signed
 * ZIP of MP4 clips cut from the recorded segments ({@link io.xueliang.storage.evidence}), with its progress in the store;
 * limited in number at once and per user and day, kept above the recording floor, and deleted after a while.
 */
package io.xueliang.storage.export;
