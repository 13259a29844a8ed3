package dev.stratagem.runtime.history;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Spreads a batch of cycle records over the history tables: one JDBC batch per table, parents first.
 * Runs inside the caller's transaction.
 *
 * <p>Plain JDBC on the handle's connection: Jdbi's per-argument type lookup cost as much as H2's insert.
 * JSON goes in as Jackson's UTF-8 bytes through {@link SqlDialect#jsonArgument}, so H2 does not parse and
 * re-encode it.
 */
final class CycleBatchInsert {

    private static final String FEATURES_SQL =
            "INSERT INTO cycle_features (compose_id, symbol, name, feature_value) VALUES (?, ?, ?, ?)";
    private static final String INSTRUCTIONS_SQL = "INSERT INTO instructions (compose_id, idx, instruction_id,"
            + " symbol, side, quantity, order_type, limit_price, reduce_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String VERDICTS_SQL = "INSERT INTO guardrail_verdicts (compose_id, seq, instruction_id,"
            + " check_id, outcome, qty_before, qty_after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TX_SQL = "INSERT INTO tx_results (compose_id, seq, instruction_id, status,"
            + " symbol, side, filled_qty, fill_price, fee, ts, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String VERSIONS_SQL = "INSERT INTO component_versions (compose_id, seq, role,"
            + " component_id, source, version, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final SqlDialect dialect;
    private final String cyclesSql;
    private final String snapshotsSql;
    private final String digestsSql;

    CycleBatchInsert(SqlDialect dialect) {
        this.dialect = dialect;
        String json = dialect.jsonBatchParameter();
        cyclesSql = "INSERT INTO cycles (compose_id, run_id, strategy_id, seq, ts, status, error_step, error_reason,"
                + " rationale, total_nanos, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + json + ")";
        snapshotsSql = "INSERT INTO portfolio_snapshots (compose_id, ts, cash, equity, gross, net, realized_pnl, fees,"
                + " positions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + json + ")";
        digestsSql = "INSERT INTO digests (compose_id, digest, sharpe) VALUES (?, " + json + ", ?)";
    }

    /** The tables that hold a cycle's rows besides {@code cycles}, each keyed by {@code compose_id}. */
    static final List<String> ROW_TABLES = List.of("cycle_features", "instructions", "guardrail_verdicts",
            "tx_results", "portfolio_snapshots", "digests", "component_versions");

    /** @return how many rows {@link #insert} writes for the record to each of {@link #ROW_TABLES}, in that order */
    static int[] rows(CycleRecord r) {
        int features = 0;
        if (r.context() != null) {
            for (FeatureVector f : r.context().features()) {
                features += f.names().size();
            }
        }
        return new int[] {features, r.decision() == null ? 0 : r.decision().instructions().size(), r.verdicts().size(),
                r.txResults().size(), r.portfolioAfter() == null ? 0 : 1, r.context() == null ? 0 : 1,
                r.versions().size()};
    }

    void insert(Handle handle, List<CycleRecord> records) {
        Connection c = handle.getConnection();
        try {
            insertCycles(c, records);
            insertFeatures(c, records);
            insertInstructions(c, records);
            insertVerdicts(c, records);
            insertTxResults(c, records);
            insertSnapshots(c, records);
            insertDigests(c, records);
            insertVersions(c, records);
        } catch (SQLException e) {
            throw new HistoryWriteException("cannot insert " + records.size() + " cycle record(s) ("
                    + records.getFirst().composeId() + " .. " + records.getLast().composeId() + "): " + e, e);
        }
    }

    private void insertCycles(Connection c, List<CycleRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(cyclesSql)) {
            for (CycleRecord r : records) {
                ps.setString(1, r.composeId());
                ps.setString(2, r.runId());
                ps.setString(3, r.strategyId());
                ps.setLong(4, r.sequence());
                ps.setLong(5, r.ts());
                ps.setString(6, r.status().name());
                ps.setString(7, r.error() == null ? null : r.error().step().name());
                ps.setString(8, r.error() == null ? null : r.error().reason());
                ps.setString(9, r.decision() == null ? null : r.decision().rationale());
                ps.setLong(10, r.timings().total());
                ps.setObject(11, dialect.jsonArgument(CycleJson.toJsonBytes(r)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertFeatures(Connection c, List<CycleRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FEATURES_SQL)) {
            int rows = 0;
            for (CycleRecord r : records) {
                if (r.context() == null) {
                    continue;
                }
                for (FeatureVector f : r.context().features()) {
                    List<String> names = f.names();
                    for (int i = 0; i < names.size(); i++) {
                        ps.setString(1, r.composeId());
                        ps.setString(2, f.symbol());
                        ps.setString(3, names.get(i));
                        setDouble(ps, 4, f.value(i));
                        ps.addBatch();
                        rows++;
                    }
                }
            }
            execute(ps, rows);
        }
    }

    private static void insertInstructions(Connection c, List<CycleRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSTRUCTIONS_SQL)) {
            int rows = 0;
            for (CycleRecord r : records) {
                if (r.decision() == null) {
                    continue;
                }
                List<TradeInstruction> instructions = r.decision().instructions();
                for (int i = 0; i < instructions.size(); i++) {
                    TradeInstruction in = instructions.get(i);
                    ps.setString(1, r.composeId());
                    ps.setInt(2, i);
                    ps.setString(3, in.id());
                    ps.setString(4, in.symbol());
                    ps.setString(5, in.side().name());
                    setDouble(ps, 6, in.quantity());
                    ps.setString(7, in.type().name());
                    setDouble(ps, 8, in.limitPrice());
                    ps.setBoolean(9, in.reduceOnly());
                    ps.addBatch();
                    rows++;
                }
            }
            execute(ps, rows);
        }
    }

    private static void insertVerdicts(Connection c, List<CycleRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(VERDICTS_SQL)) {
            int rows = 0;
            for (CycleRecord r : records) {
                List<GuardrailVerdict> verdicts = r.verdicts();
                for (int i = 0; i < verdicts.size(); i++) {
                    GuardrailVerdict v = verdicts.get(i);
                    ps.setString(1, r.composeId());
                    ps.setInt(2, i);
                    ps.setString(3, v.instructionId());
                    ps.setString(4, v.check());
                    ps.setString(5, v.outcome().name());
                    setDouble(ps, 6, v.quantityBefore());
                    setDouble(ps, 7, v.quantityAfter());
                    ps.setString(8, v.reason());
                    ps.addBatch();
                    rows++;
                }
            }
            execute(ps, rows);
        }
    }

    private static void insertTxResults(Connection c, List<CycleRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TX_SQL)) {
            int rows = 0;
            for (CycleRecord r : records) {
                List<TxResult> results = r.txResults();
                for (int i = 0; i < results.size(); i++) {
                    TxResult tx = results.get(i);
                    ps.setString(1, r.composeId());
                    ps.setInt(2, i);
                    ps.setString(3, tx.instructionId());
                    ps.setString(4, tx.status().name());
                    ps.setString(5, tx.symbol());
                    ps.setString(6, tx.side().name());
                    ps.setDouble(7, tx.filledQuantity());
                    ps.setDouble(8, tx.fillPrice());
                    ps.setDouble(9, tx.fee());
                    ps.setLong(10, tx.ts());
                    ps.setString(11, tx.reason());
                    ps.addBatch();
                    rows++;
                }
            }
            execute(ps, rows);
        }
    }

    private void insertSnapshots(Connection c, List<CycleRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(snapshotsSql)) {
            int rows = 0;
            for (CycleRecord r : records) {
                PortfolioView p = r.portfolioAfter();
                if (p == null) {
                    continue;
                }
                ps.setString(1, r.composeId());
                ps.setLong(2, p.ts());
                ps.setDouble(3, p.cash());
                ps.setDouble(4, p.equity());
                ps.setDouble(5, p.grossExposure());
                ps.setDouble(6, p.netExposure());
                ps.setDouble(7, p.realizedPnl());
                ps.setDouble(8, p.fees());
                ps.setObject(9, dialect.jsonArgument(CycleJson.writeBytes(p.positions())));
                ps.addBatch();
                rows++;
            }
            execute(ps, rows);
        }
    }

    private void insertDigests(Connection c, List<CycleRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(digestsSql)) {
            int rows = 0;
            for (CycleRecord r : records) {
                if (r.context() == null) {
                    continue;
                }
                ps.setString(1, r.composeId());
                ps.setObject(2, dialect.jsonArgument(CycleJson.writeBytes(r.context().digest())));
                ps.setDouble(3, r.context().digest().sharpe());
                ps.addBatch();
                rows++;
            }
            execute(ps, rows);
        }
    }

    private static void insertVersions(Connection c, List<CycleRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(VERSIONS_SQL)) {
            int rows = 0;
            for (CycleRecord r : records) {
                List<ComponentVersion> versions = r.versions();
                for (int i = 0; i < versions.size(); i++) {
                    ComponentVersion v = versions.get(i);
                    ps.setString(1, r.composeId());
                    ps.setInt(2, i);
                    ps.setString(3, v.role());
                    ps.setString(4, v.componentId());
                    ps.setString(5, v.source());
                    ps.setString(6, v.version());
                    ps.setString(7, v.sha256());
                    ps.addBatch();
                    rows++;
                }
            }
            execute(ps, rows);
        }
    }

    /** NaN becomes SQL NULL, so that column aggregates skip it; the JSON record keeps the NaN. */
    static void setDouble(PreparedStatement ps, int position, double value) throws SQLException {
        if (Double.isNaN(value)) {
            ps.setNull(position, Types.DOUBLE);
        } else {
            ps.setDouble(position, value);
        }
    }

    private static void execute(PreparedStatement ps, int rows) throws SQLException {
        if (rows > 0) {
            ps.executeBatch();
        }
    }
}
