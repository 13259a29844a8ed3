package dev.stratagem.runtime.cli;

import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.runtime.backtest.BacktestResult;
import java.io.PrintWriter;
import java.math.RoundingMode;
import java.util.Locale;

/** Prints a backtest result as a trade table and a summary, or as JSON. */
final class ResultPrinter {

    private ResultPrinter() {}

    static void print(BacktestResult r, boolean json, boolean trades, PrintWriter out) {
        if (json) {
            out.println(Formats.json(r));
            return;
        }
        if (trades) {
            out.printf(Locale.ROOT, "%4s  %-8s %8s  %-19s %12s  %-19s %12s %14s%n",
                    "#", "symbol", "qty", "entry", "price", "exit", "price", "pnl");
            int n = 0;
            for (TradeHistoryEntry t : r.trades()) {
                out.printf(Locale.ROOT, "%4d  %-8s %8s  %-19s %12.6f  %-19s %12s %14s%n", ++n, t.symbol(),
                        plain(t.quantity()), Formats.time(t.entryTs()), t.entryPrice(),
                        t.isOpen() ? "open" : Formats.time(t.exitTs()),
                        t.isOpen() ? "-" : String.format(Locale.ROOT, "%.6f", t.exitPrice()),
                        t.isOpen() ? "-" : String.format(Locale.ROOT, "%.6f", t.realizedPnl() - t.fees()));
            }
            out.println();
        }
        out.printf(Locale.ROOT, "strategy       %s%n", r.strategyId());
        out.printf(Locale.ROOT, "run id         %s%n", r.runId());
        out.printf(Locale.ROOT, "bars / cycles  %d / %d (%d recorded, %d failed)%n", r.bars(), r.cycles(),
                r.recordedCycles(), r.failedCycles());
        out.printf(Locale.ROOT, "trades         %d closed, %d open%n", r.closedTrades(), r.trades().size() - r.closedTrades());
        out.printf(Locale.ROOT, "initial cash   %s%n", r.initialCash().toPlainString());
        out.printf(Locale.ROOT, "final equity   %s%n", r.finalEquity().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
        out.printf(Locale.ROOT, "return         %.4f%%%n", r.totalReturn() * 100);
        out.printf(Locale.ROOT, "max drawdown   %.4f%%%n", r.maxDrawdown() * 100);
        out.printf(Locale.ROOT, "sharpe         %.4f%n", r.sharpe());
        if (r.skippedRows() > 0) {
            out.printf(Locale.ROOT, "skipped rows   %d%s%n", r.skippedRows(),
                    r.skipped().size() < r.skippedRows() ? " (the first " + r.skipped().size() + " below)" : "");
            for (String why : r.skipped()) {
                out.printf(Locale.ROOT, "  %s%n", why);
            }
        }
        out.printf(Locale.ROOT, "elapsed        %.1f ms (%.0f bars/s)%n", r.elapsedNanos() / 1e6,
                r.bars() / Math.max(r.elapsedNanos() / 1e9, 1e-9));
        out.printf(Locale.ROOT, "cpu            loop thread %.1f ms, other threads %.1f ms (history writer %.1f ms)%n",
                r.cpu().loopThreadNanos() / 1e6, r.cpu().otherThreadsNanos() / 1e6, r.cpu().writerNanos() / 1e6);
        out.printf(Locale.ROOT, "result digest  sha256:%s%n", r.resultDigest());
    }

    private static String plain(double quantity) {
        return quantity == Math.rint(quantity) ? Long.toString((long) quantity) : Double.toString(quantity);
    }
}
