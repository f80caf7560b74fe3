/**
 * Synthetic plate-read histories from a seed: a county's road graph of checkpoint cameras, its traffic, and planted
 * vehicles (convoys, night movers, cloned plates, ...) whose truth the analyses are checked against. Used by the
 * reads tests and by the read-store benchmark in {@code bench}; nothing in the server calls it.
 */
package io.xueliang.reads.synth;
