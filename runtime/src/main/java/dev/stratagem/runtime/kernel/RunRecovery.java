package dev.stratagem.runtime.kernel;

import dev.stratagem.api.OrderType;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import dev.stratagem.runtime.history.CycleJson;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.TornCycles;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Crash recovery from H2: an interrupted paper run (status still RUNNING) of a strategy is continued rather
 * than restarted. Its recorded fills are replayed, in cycle and result order, into a fresh ledger; the
 * digest gets the recorded equity curve and the closed trades; the orders that were acknowledged and not
 * done are handed back to be re-sent under their ids. Only committed cycles count: the history writer
 * acknowledges a record once its transaction committed, so nothing acknowledged is lost, and whatever ran
 * after the last commit runs again with the same compose and instruction ids. So does a recorded cycle whose rows
 * are not all there ({@link TornCycles}).
 *
 * @param runId the run to continue
 * @param lastSequence its last recorded cycle
 * @param lastTs the bar time of that cycle
 * @param fills every recorded result, in order
 * @param equityCurve (cycle ts, equity) of every recorded cycle with a portfolio, in order
 * @param working orders to re-send
 * @param lastPortfolio the recorded portfolio after the last cycle that has one (marked at that cycle's bars, stamped
 *     with its time; a failed cycle has none), or null when no cycle has one
 */
record RunRecovery(String runId, long lastSequence, long lastTs, List<TxResult> fills, List<long[]> equityCurve,
        List<double[]> equityValues, List<TradeInstruction> working, PortfolioView lastPortfolio) {

    /** @return the interrupted run of that strategy in that mode, if any */
    static Optional<RunRecovery> find(JdbiHistoryStore store, String strategyId, String mode) {
        Jdbi jdbi = store.jdbi();
        Optional<String> runId = jdbi.withHandle(h -> h.createQuery("SELECT run_id FROM runs WHERE strategy_id = ?"
                        + " AND mode = ? AND status = ? ORDER BY started_at DESC, run_id DESC")
                .bind(0, strategyId).bind(1, mode).bind(2, JdbiHistoryStore.RUNNING)
                .mapTo(String.class).findFirst());
        return runId.map(id -> {
            if (mode.equals("live")) {
                // a live venue may refuse a resent id instead of answering with its fill: no cycle is run again
                TornCycles.Tear tear = TornCycles.find(jdbi, id);
                if (tear != null) {
                    throw new IllegalStateException("live run " + id + " of " + strategyId + " cannot be continued:"
                            + " its history is incomplete from cycle " + tear.sequence() + " (" + tear.why() + ");"
                            + " reconcile its orders and fills with the venue, then start with runtime.resume=false");
                }
            } else {
                TornCycles.repair(jdbi, id);   // a cycle stored only in part runs again
            }
            return load(jdbi, id);
        });
    }

    private static RunRecovery load(Jdbi jdbi, String runId) {
        return jdbi.withHandle(h -> {
            long[] last = h.createQuery("SELECT COALESCE(MAX(seq), 0), COALESCE(MAX(ts), " + Long.MIN_VALUE
                            + ") FROM cycles WHERE run_id = ?")
                    .bind(0, runId).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            List<TxResult> results = h.createQuery("SELECT t.instruction_id, t.symbol, t.side, t.status, t.filled_qty,"
                            + " t.fill_price, t.fee, t.ts, t.reason FROM tx_results t JOIN cycles c"
                            + " ON c.compose_id = t.compose_id WHERE c.run_id = ? ORDER BY c.seq, t.seq")
                    .bind(0, runId)
                    .map((rs, ctx) -> new TxResult(rs.getString(1), rs.getString(2), Side.valueOf(rs.getString(3)),
                            TxStatus.valueOf(rs.getString(4)), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                            rs.getLong(8), rs.getString(9)))
                    .list();
            List<long[]> ts = new ArrayList<>();
            List<double[]> equity = new ArrayList<>();
            h.createQuery("SELECT c.ts, p.equity FROM portfolio_snapshots p JOIN cycles c ON c.compose_id = p.compose_id"
                            + " WHERE c.run_id = ? ORDER BY c.seq")
                    .bind(0, runId)
                    .map((rs, ctx) -> {
                        ts.add(new long[] {rs.getLong(1)});
                        equity.add(new double[] {rs.getDouble(2)});
                        return 0;
                    }).list();
            List<TradeInstruction> working = new ArrayList<>();
            for (Map.Entry<String, double[]> open : openOrders(results).entrySet()) {
                String id = open.getKey();
                int dash = id.lastIndexOf('-');
                String composeId = id.substring(0, dash);
                int idx = Integer.parseInt(id.substring(dash + 1)) - 1;
                Double sent = h.createQuery("SELECT qty_after FROM guardrail_verdicts WHERE instruction_id = ?"
                                + " ORDER BY seq DESC").bind(0, id).mapTo(Double.class).findFirst().orElse(null);
                h.createQuery("SELECT symbol, side, quantity, order_type, limit_price, reduce_only FROM instructions"
                                + " WHERE compose_id = ? AND idx = ?")
                        .bind(0, composeId).bind(1, idx)
                        .map((rs, ctx) -> {
                            double qty = (sent == null ? rs.getDouble(3) : sent) - open.getValue()[0];
                            double limit = rs.getDouble(5);
                            return new TradeInstruction(id, rs.getString(1), Side.valueOf(rs.getString(2)), qty,
                                    OrderType.valueOf(rs.getString(4)), rs.wasNull() ? Double.NaN : limit,
                                    rs.getBoolean(6));
                        })
                        .findOne().filter(in -> in.quantity() > 0).ifPresent(working::add);
            }
            PortfolioView lastPortfolio = h.createQuery("SELECT c.record FROM cycles c JOIN portfolio_snapshots p"
                            + " ON p.compose_id = c.compose_id WHERE c.run_id = ? ORDER BY c.seq DESC LIMIT 1")
                    .bind(0, runId).mapTo(String.class).findOne()
                    .map(json -> CycleJson.fromJson(json).portfolioAfter()).orElse(null);
            return new RunRecovery(runId, last[0], last[1], results, ts, equity, working, lastPortfolio);
        });
    }

    /** @return acknowledged orders not yet filled, rejected or failed, with the quantity filled so far */
    private static Map<String, double[]> openOrders(List<TxResult> results) {
        Map<String, double[]> open = new LinkedHashMap<>();
        for (TxResult r : results) {
            switch (r.status()) {
                case ACCEPTED -> open.putIfAbsent(r.instructionId(), new double[] {0});
                case PARTIAL -> open.computeIfAbsent(r.instructionId(), k -> new double[] {0})[0] += r.filledQuantity();
                case FILLED, REJECTED, ERROR -> open.remove(r.instructionId());
            }
        }
        return open;
    }

    /** Replays the fills into a fresh ledger and the equity curve and closed trades into the digest. */
    void rebuild(LedgerPortfolio ledger, DigestTracker digest) {
        List<TradeHistoryEntry> closed = ledger.apply(fills);
        digest.onClosed(closed);
        for (int i = 0; i < equityCurve.size(); i++) {
            digest.onEquity(equityCurve.get(i)[0], equityValues.get(i)[0]);
        }
    }

    /** @return the recorded equity values, for the run report */
    double[] equity() {
        double[] e = new double[equityValues.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = equityValues.get(i)[0];
        }
        return e;
    }
}
