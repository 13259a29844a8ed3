/**
 * Operations: Prometheus metrics ({@link dev.stratagem.runtime.ops.RuntimeMetrics}, with the series of components
 * implementing {@link dev.stratagem.api.MetricsSource} read at each scrape by {@code ComponentMetrics}), the ops HTTP server
 * ({@code /metrics}, {@code /health}, {@code /ready}, {@code /killswitch}, {@code /risk}, {@code /risk/reset},
 * {@code /portfolio}; {@link dev.stratagem.runtime.ops.OpsServer}) bound to 127.0.0.1 by default. JSON logs
 * are logback's {@code JsonEncoder}, chosen by {@code ops.log.format} ({@link dev.stratagem.runtime.ops.LogFormat}
 * applies the resolved setting once the kernel has read it); every line of a cycle carries {@code strategy}
 * and {@code composeId} in its MDC.
 */
package dev.stratagem.runtime.ops;
