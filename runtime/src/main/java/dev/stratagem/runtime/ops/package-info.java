/**
 * Operations: Prometheus metrics ({@link dev.stratagem.runtime.ops.RuntimeMetrics}), the ops HTTP server
 * ({@code /metrics}, {@code /health}, {@code /ready}, {@code /killswitch}; {@link dev.stratagem.runtime.ops.OpsServer})
 * bound to 127.0.0.1 by default. JSON logs are logback's {@code JsonEncoder}, chosen by {@code ops.log.format}
 * ({@code STRATAGEM_OPS_LOG_FORMAT=json}); every line of a cycle carries {@code strategy} and {@code composeId}
 * in its MDC.
 */
package dev.stratagem.runtime.ops;
