/**
 * Pre-trade guardrails (step 6 of the cycle): {@link dev.stratagem.runtime.risk.Guardrails} runs a chain of
 * {@link dev.stratagem.api.RiskCheck}s over a cycle's instructions and records every verdict.
 *
 * <p>Tier: internal to the runtime; the check classes are public so a strategy file can name them and the
 * console can list them. Comparisons are exact: doubles are read in their shortest decimal form
 * ({@code BigDecimal.valueOf}), and every clamp is a whole number of lots.
 */
package dev.stratagem.runtime.risk;
