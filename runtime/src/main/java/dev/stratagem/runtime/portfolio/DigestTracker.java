package dev.stratagem.runtime.portfolio;

import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import dev.stratagem.api.TradeHistoryEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds the {@link TradeDigest} the next cycle's context carries: per symbol the closed trade count,
 * realized PnL net of fees, win rate (share of trades with {@code realizedPnl - fees > 0}), mean holding time
 * and last close; for the portfolio the annualised Sharpe ratio of the per-cycle equity returns.
 *
 * <p>{@link #digest()} is cheap: the entry list is rebuilt only after a trade closed, the digest only when
 * something changed, and its Sharpe ratio only when read. Not thread-safe: called from its strategy's thread only.
 */
public final class DigestTracker {

    private final double periodsPerYear;
    /** The equity curve, reduced: its Sharpe ratio for the digest, and with its drawdown the backtest's report. */
    private final PerformanceStats.Curve curve = new PerformanceStats.Curve();
    private final ReturnStats returns = curve.returns();
    private final TreeMap<String, SymbolRecord> symbols = new TreeMap<>();
    private long ts;
    private boolean entriesStale;
    private List<TradeDigestEntry> entries = List.of();
    private TradeDigest digest = TradeDigest.EMPTY;
    /** How many returns the digest's Sharpe ratio covers. */
    private long digestReturns;

    /** @param periodsPerYear cycles per year, for annualising the Sharpe ratio (252 for daily bars) */
    public DigestTracker(double periodsPerYear) {
        if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
            throw new IllegalArgumentException("periodsPerYear must be positive and finite, was " + periodsPerYear);
        }
        this.periodsPerYear = periodsPerYear;
    }

    /**
     * Records the equity at the end of a cycle; call once per cycle.
     *
     * @param ts the cycle time
     * @param equity the equity, finite
     */
    public void onEquity(long ts, double equity) {
        if (!Double.isFinite(equity)) {
            throw new IllegalArgumentException("equity must be finite, was " + equity);
        }
        curve.add(equity);
        this.ts = Math.max(this.ts, ts);
    }

    /** @param closed trades that closed this cycle (open ones are ignored) */
    public void onClosed(List<TradeHistoryEntry> closed) {
        if (closed.isEmpty()) {
            return;                            // almost every cycle: no iterator
        }
        for (TradeHistoryEntry trade : closed) {
            if (trade.isOpen()) {
                continue;
            }
            symbols.computeIfAbsent(trade.symbol(), s -> new SymbolRecord()).add(trade);
            ts = Math.max(ts, trade.exitTs());
            entriesStale = true;
        }
    }

    /** @return the digest as of the latest equity and closed trades */
    public TradeDigest digest() {
        boolean changed = false;
        if (entriesStale) {
            List<TradeDigestEntry> list = new ArrayList<>(symbols.size());
            symbols.forEach((symbol, r) -> list.add(r.toEntry(symbol)));
            entries = List.copyOf(list);
            entriesStale = false;
            changed = true;
        }
        // the Sharpe ratio moves with every return: computed only if a composer reads it (most never do)
        if (changed || returns.count() != digestReturns || ts != digest.ts()) {
            digest = returns.digest(ts, entries, periodsPerYear);
            digestReturns = returns.count();
        }
        return digest;
    }

    /** @return the annualised Sharpe ratio so far */
    public double sharpe() {
        return returns.sharpe(periodsPerYear);
    }

    /** @return the largest fall of the equity so far from a running peak, as {@link PerformanceStats#maxDrawdown} */
    public double maxDrawdown() {
        return curve.maxDrawdown();
    }

    private static final class SymbolRecord {
        int count;
        int wins;
        /** Summed in decimal so many small trades do not drift. */
        BigDecimal netPnl = BigDecimal.ZERO;
        long holdingMillis;
        long lastTradeTs;

        void add(TradeHistoryEntry trade) {
            count++;
            if (trade.realizedPnl() > trade.fees()) {
                wins++;
            }
            netPnl = netPnl.add(BigDecimal.valueOf(trade.realizedPnl())).subtract(BigDecimal.valueOf(trade.fees()));
            holdingMillis += trade.holdingMillis();
            lastTradeTs = Math.max(lastTradeTs, trade.exitTs());
        }

        TradeDigestEntry toEntry(String symbol) {
            return new TradeDigestEntry(symbol, count, netPnl.doubleValue(), (double) wins / count,
                    holdingMillis / count, lastTradeTs);
        }
    }
}
