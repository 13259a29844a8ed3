/**
 * The strategy's books: the exact {@link dev.stratagem.runtime.portfolio.LedgerPortfolio}, the per-cycle
 * {@link dev.stratagem.runtime.portfolio.DigestTracker} and the equity-curve
 * {@link dev.stratagem.runtime.portfolio.PerformanceStats} of a backtest summary.
 *
 * <p>Tier: internal to the runtime. Money and quantities are {@link java.math.BigDecimal} inside the ledger
 * and {@code double} only at the boundary (views and trade records).
 */
package dev.stratagem.runtime.portfolio;
