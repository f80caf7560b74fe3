/**
 * Understanding video: decoding, motion gate, plate detection and reading, tracking. Work begins with issue 5.
 */
package io.xueliang.analytics;
