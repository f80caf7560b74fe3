/** The camera registry over HTTP: listing, reading and ingest status, within the caller's region scope. */
package io.xueliang.api.cameras;
