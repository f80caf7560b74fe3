/**
 * The HTTP API server (Vert.x 5), contract first: {@code api/openapi.yaml} (OpenAPI 3.1) is loaded
 * into vertx-web-openapi-router, which validates every request before a handler runs.
 *
 * <p>Event loops never block: handlers run on an event loop, so JDBC, disk and password hashing go
 * through {@link io.xueliang.api.http.BlockingWork} (a fixed worker pool with a bounded queue; a
 * full queue answers 503 with Retry-After) and the answer is written back on the event loop.
 */
package io.xueliang.api.http;
