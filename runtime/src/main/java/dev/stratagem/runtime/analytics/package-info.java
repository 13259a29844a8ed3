/**
 * Risk and performance statistics over return series: VaR and CVaR (historical, parametric, Monte Carlo
 * with a seeded GBM), Sharpe, Sortino, maximum drawdown and beta. Used by the risk engine (pre-trade VaR
 * limit) and reported per run. Statistics, not money: doubles are fine here; the ledger stays exact.
 *
 * <p>Conventions: returns are simple per-period returns ({@code 0.01} is one percent); VaR and CVaR are
 * positive numbers for losses, as fractions of the position value; confidence is e.g. {@code 0.99}.
 */
package dev.stratagem.runtime.analytics;
