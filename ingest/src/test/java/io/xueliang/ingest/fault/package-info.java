/** Cameras that misbehave on purpose, for the fault tests of ingest. */
package io.xueliang.ingest.fault;
