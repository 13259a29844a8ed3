package dev.stratagem.runtime.history;

import dev.stratagem.api.TradeHistoryEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a run's trade list: plain JDBC batches on the caller's connection, inside its transaction. Through Jdbi's
 * {@code PreparedBatch}, looking up an argument factory for each of the fourteen values of a row took as long as H2's
 * insert (a million-bar backtest closes 19,064 trades: ~130 ms, BENCHMARKS.md), as it did for the cycle tables
 * ({@link CycleBatchInsert}).
 */
final class TradeInsert {

    private static final String DELETE = "DELETE FROM trades WHERE run_id = ?";
    private static final String INSERT = "INSERT INTO trades (run_id, trade_id, idx, symbol, quantity, entry_ts,"
            + " entry_price, exit_ts, exit_price, realized_pnl, fees, entry_instruction_id, exit_instruction_id,"
            + " is_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Rows per JDBC batch: H2 keeps a batch's parameters until it runs. */
    private static final int BATCH = 4096;

    private TradeInsert() {}

    /** Deletes the run's trades and inserts these, in order ({@code idx} is the position in the list). */
    static void replace(Connection c, String runId, List<TradeHistoryEntry> trades) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setString(1, runId);
            delete.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < trades.size(); i++) {
                TradeHistoryEntry t = trades.get(i);
                ps.setString(1, runId);
                ps.setString(2, t.tradeId());
                ps.setInt(3, i);
                ps.setString(4, t.symbol());
                ps.setDouble(5, t.quantity());
                ps.setLong(6, t.entryTs());
                ps.setDouble(7, t.entryPrice());
                ps.setLong(8, t.exitTs());
                CycleBatchInsert.setDouble(ps, 9, t.exitPrice());
                ps.setDouble(10, t.realizedPnl());
                ps.setDouble(11, t.fees());
                ps.setString(12, t.entryInstructionId());
                ps.setString(13, t.exitInstructionId());
                ps.setBoolean(14, t.isOpen());
                ps.addBatch();
                if ((i + 1) % BATCH == 0 || i + 1 == trades.size()) {
                    ps.executeBatch();
                }
            }
        }
    }
}
