/**
 * Recorded video over HTTP (DESIGN.md §7): the segments and gaps of a camera's recording, evidence holds, playback
 * by time and evidence export. Every look is region-scoped and audited.
 */
package io.xueliang.api.recordings;
