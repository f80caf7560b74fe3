/**
 * Keeps every camera pulled: a state machine per camera, reconnection with exponential backoff
 * and full jitter, a global cap on connection attempts per second, and a no-data watchdog.
 */
package io.xueliang.ingest.supervisor;
