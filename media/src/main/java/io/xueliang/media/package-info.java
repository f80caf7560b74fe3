/**
 * The shared vocabulary of xueliang: cameras, codecs, access units, stream fan-out, plate reads, events, clocks.
 */
package io.xueliang.media;
