/**
 * Operations endpoints: Prometheus exposition at {@code /metrics} and liveness at
 * {@code /healthz}.
 */
package io.xueliang.api.ops;
