/**
 * Rule-based decision composers: SMA crossover, momentum, RSI thresholds, Bollinger mean reversion and
 * Donchian breakout. Each reads the canonical feature names of the {@code indicators} pipeline
 * ({@code sma_10}, {@code rsi_14}, ...), trades every symbol of the cycle's features, decides flat / long
 * from the portfolio position, and explains every decision per symbol in the rationale.
 *
 * <p>Tier: <b>internal</b>. Only the {@code @Extension} composers are public; they are configured through
 * {@link dev.stratagem.api.StrategyComponent#configure(dev.stratagem.api.Parameters)}.
 */
package dev.stratagem.plugins.rules;
