/**
 * Operations endpoints: Prometheus exposition at {@code /metrics}, liveness at {@code /healthz} and
 * readiness (storage, ingest) at {@code /readyz}.
 */
package io.xueliang.api.ops;
