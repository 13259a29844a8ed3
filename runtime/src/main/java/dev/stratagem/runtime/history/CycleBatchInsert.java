package dev.stratagem.runtime.history;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import java.sql.Types;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Spreads a batch of cycle records over the history tables: one JDBC batch per table, parents first.
 * Runs inside the caller's transaction.
 */
final class CycleBatchInsert {

    private final String cyclesSql;
    private final String snapshotsSql;
    private final String digestsSql;

    CycleBatchInsert(SqlDialect dialect) {
        String json = dialect.jsonParameter();
        cyclesSql = "INSERT INTO cycles (compose_id, run_id, strategy_id, seq, ts, status, error_step, error_reason,"
                + " rationale, total_nanos, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + json + ")";
        snapshotsSql = "INSERT INTO portfolio_snapshots (compose_id, ts, cash, equity, gross, net, realized_pnl, fees,"
                + " positions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + json + ")";
        digestsSql = "INSERT INTO digests (compose_id, digest, sharpe) VALUES (?, " + json + ", ?)";
    }

    void insert(Handle handle, List<CycleRecord> records) {
        insertCycles(handle, records);
        insertFeatures(handle, records);
        insertInstructions(handle, records);
        insertVerdicts(handle, records);
        insertTxResults(handle, records);
        insertSnapshots(handle, records);
        insertDigests(handle, records);
        insertVersions(handle, records);
    }

    private void insertCycles(Handle handle, List<CycleRecord> records) {
        PreparedBatch batch = handle.prepareBatch(cyclesSql);
        for (CycleRecord r : records) {
            batch.bind(0, r.composeId()).bind(1, r.runId()).bind(2, r.strategyId()).bind(3, r.sequence())
                    .bind(4, r.ts()).bind(5, r.status().name())
                    .bind(6, r.error() == null ? null : r.error().step().name())
                    .bind(7, r.error() == null ? null : r.error().reason())
                    .bind(8, r.decision() == null ? null : r.decision().rationale())
                    .bind(9, r.timings().total())
                    .bind(10, CycleJson.toJson(r))
                    .add();
        }
        execute(batch);
    }

    private static void insertFeatures(Handle handle, List<CycleRecord> records) {
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO cycle_features (compose_id, symbol, name, feature_value) VALUES (?, ?, ?, ?)");
        for (CycleRecord r : records) {
            if (r.context() == null) {
                continue;
            }
            for (FeatureVector f : r.context().features()) {
                List<String> names = f.names();
                for (int i = 0; i < names.size(); i++) {
                    batch.bind(0, r.composeId()).bind(1, f.symbol()).bind(2, names.get(i));
                    bindDouble(batch, 3, f.value(i));
                    batch.add();
                }
            }
        }
        execute(batch);
    }

    private static void insertInstructions(Handle handle, List<CycleRecord> records) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO instructions (compose_id, idx, instruction_id, symbol,"
                + " side, quantity, order_type, limit_price, reduce_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (CycleRecord r : records) {
            if (r.decision() == null) {
                continue;
            }
            List<TradeInstruction> instructions = r.decision().instructions();
            for (int i = 0; i < instructions.size(); i++) {
                TradeInstruction in = instructions.get(i);
                batch.bind(0, r.composeId()).bind(1, i).bind(2, in.id()).bind(3, in.symbol())
                        .bind(4, in.side().name());
                bindDouble(batch, 5, in.quantity());
                batch.bind(6, in.type().name());
                bindDouble(batch, 7, in.limitPrice());
                batch.bind(8, in.reduceOnly()).add();
            }
        }
        execute(batch);
    }

    private static void insertVerdicts(Handle handle, List<CycleRecord> records) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO guardrail_verdicts (compose_id, seq, instruction_id,"
                + " check_id, outcome, qty_before, qty_after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (CycleRecord r : records) {
            List<GuardrailVerdict> verdicts = r.verdicts();
            for (int i = 0; i < verdicts.size(); i++) {
                GuardrailVerdict v = verdicts.get(i);
                batch.bind(0, r.composeId()).bind(1, i).bind(2, v.instructionId()).bind(3, v.check())
                        .bind(4, v.outcome().name());
                bindDouble(batch, 5, v.quantityBefore());
                bindDouble(batch, 6, v.quantityAfter());
                batch.bind(7, v.reason()).add();
            }
        }
        execute(batch);
    }

    private static void insertTxResults(Handle handle, List<CycleRecord> records) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO tx_results (compose_id, seq, instruction_id, status,"
                + " symbol, side, filled_qty, fill_price, fee, ts, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (CycleRecord r : records) {
            List<TxResult> results = r.txResults();
            for (int i = 0; i < results.size(); i++) {
                TxResult tx = results.get(i);
                batch.bind(0, r.composeId()).bind(1, i).bind(2, tx.instructionId()).bind(3, tx.status().name())
                        .bind(4, tx.symbol()).bind(5, tx.side().name()).bind(6, tx.filledQuantity())
                        .bind(7, tx.fillPrice()).bind(8, tx.fee()).bind(9, tx.ts()).bind(10, tx.reason())
                        .add();
            }
        }
        execute(batch);
    }

    private void insertSnapshots(Handle handle, List<CycleRecord> records) {
        PreparedBatch batch = handle.prepareBatch(snapshotsSql);
        for (CycleRecord r : records) {
            PortfolioView p = r.portfolioAfter();
            if (p == null) {
                continue;
            }
            batch.bind(0, r.composeId()).bind(1, p.ts()).bind(2, p.cash()).bind(3, p.equity())
                    .bind(4, p.grossExposure()).bind(5, p.netExposure()).bind(6, p.realizedPnl()).bind(7, p.fees())
                    .bind(8, CycleJson.write(p.positions()))
                    .add();
        }
        execute(batch);
    }

    private void insertDigests(Handle handle, List<CycleRecord> records) {
        PreparedBatch batch = handle.prepareBatch(digestsSql);
        for (CycleRecord r : records) {
            if (r.context() == null) {
                continue;
            }
            batch.bind(0, r.composeId()).bind(1, CycleJson.write(r.context().digest()))
                    .bind(2, r.context().digest().sharpe())
                    .add();
        }
        execute(batch);
    }

    private static void insertVersions(Handle handle, List<CycleRecord> records) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO component_versions (compose_id, seq, role,"
                + " component_id, source, version, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (CycleRecord r : records) {
            List<ComponentVersion> versions = r.versions();
            for (int i = 0; i < versions.size(); i++) {
                ComponentVersion v = versions.get(i);
                batch.bind(0, r.composeId()).bind(1, i).bind(2, v.role()).bind(3, v.componentId())
                        .bind(4, v.source()).bind(5, v.version()).bind(6, v.sha256())
                        .add();
            }
        }
        execute(batch);
    }

    /** NaN becomes SQL NULL, so that column aggregates skip it; the JSON record keeps the NaN. */
    static void bindDouble(PreparedBatch batch, int position, double value) {
        if (Double.isNaN(value)) {
            batch.bindNull(position, Types.DOUBLE);
        } else {
            batch.bind(position, value);
        }
    }

    private static void execute(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
