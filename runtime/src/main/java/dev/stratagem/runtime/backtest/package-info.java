/**
 * Deterministic backtests: a replay loop that drives the decision cycle directly, the result digest and
 * the run summary. Tier: internal.
 */
package dev.stratagem.runtime.backtest;
