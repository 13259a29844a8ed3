package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a block writer keeps from one batch to the next: an encoder (its buffer and string table), one connection
 * out of the pool and the block insert prepared on it. Per batch, opening a Jdbi handle and a transaction, parsing
 * and binding the insert through Jdbi and handing the connection back cost about a fifth of the block writer's time
 * at record level activity (150 blocks per million bars, too few for the JIT to make those paths fast). Plain JDBC,
 * one thread at a time.
 */
final class BlockSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockSession.class);

    private static final String INSERT = "INSERT INTO cycle_blocks (run_id, first_seq, last_seq, first_ts, last_ts,"
            + " cycles, status_mask, format, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LAST_HELD = "SELECT last_seq FROM cycle_blocks WHERE run_id = ? AND first_seq <= ?"
            + " ORDER BY run_id DESC, first_seq DESC LIMIT 1";

    private final Handle handle;
    private final Connection connection;
    private final BlockEncoder encoder = new BlockEncoder();
    private PreparedStatement insert;
    private PreparedStatement lastHeld;

    /** @param handle a handle of its own: the session sets its connection to manual commit until {@link #close()} */
    BlockSession(Handle handle) {
        this.handle = handle;
        this.connection = handle.getConnection();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            handle.close();
            throw new HistoryWriteException("cannot start a cycle block transaction", e);
        }
    }

    /**
     * Inserts a run's consecutive cycles as one block, in the open transaction.
     *
     * @param batch the cycles, one run's, in sequence order
     * @param known the last cycle of the run the sink has seen committed, {@code null} if none
     */
    void insert(List<CycleRecord> batch, Long known) throws SQLException {
        // A batch retried record by record after a failure the database reported but committed anyway must not
        // store a cycle twice: blocks are keyed by their first cycle only, so skip what a block already holds. Past
        // what the sink saw committed (every batch but a retry's), no block can hold the batch: no query.
        long held = known != null && batch.getFirst().sequence() > known ? 0 : lastHeld(batch);
        List<CycleRecord> records = batch.getLast().sequence() <= held ? List.of()
                : batch.getFirst().sequence() > held ? batch
                : batch.stream().filter(r -> r.sequence() > held).toList();
        if (records.isEmpty()) {
            return;
        }
        CycleRecord first = records.getFirst();
        CycleRecord last = records.getLast();
        int mask = 0;
        for (CycleRecord r : records) {
            mask |= CycleBlocks.bit(r.status());
        }
        if (insert == null) {
            insert = connection.prepareStatement(INSERT);
        }
        insert.setString(1, first.runId());
        insert.setLong(2, first.sequence());
        insert.setLong(3, last.sequence());
        insert.setLong(4, first.ts());
        insert.setLong(5, last.ts());
        insert.setInt(6, records.size());
        insert.setInt(7, mask);
        insert.setInt(8, CycleBlockCodec.FORMAT);
        insert.setBytes(9, encoder.encode(records));
        insert.executeUpdate();
    }

    private long lastHeld(List<CycleRecord> batch) throws SQLException {
        if (lastHeld == null) {
            lastHeld = connection.prepareStatement(LAST_HELD);
        }
        lastHeld.setString(1, batch.getFirst().runId());
        lastHeld.setLong(2, batch.getLast().sequence());
        try (ResultSet rs = lastHeld.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    void commit() throws SQLException {
        connection.commit();
    }

    /** Rolls back what is not committed and gives the connection back to the pool. */
    @Override
    public void close() {
        for (PreparedStatement statement : new PreparedStatement[] {insert, lastHeld}) {
            try {
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException e) {
                LOG.warn("closing a cycle block statement: {}", e.toString());
            }
        }
        try {
            connection.rollback();
            connection.setAutoCommit(true); // else the handle reports an open transaction
        } catch (SQLException e) {
            LOG.warn("closing a cycle block connection: {}", e.toString());
        }
        try {
            handle.close();
        } catch (RuntimeException e) {
            LOG.warn("closing a cycle block connection: {}", e.toString());
        }
    }
}
