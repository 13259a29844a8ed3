package dev.stratagem.runtime.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a block writer keeps from one batch to the next: one connection out of the pool, the block insert prepared
 * on it, and, once a batch comes as records, a block builder (its buffer and string table). Per batch, opening a
 * Jdbi handle and a transaction, parsing and binding the insert through Jdbi and handing the connection back cost
 * about a fifth of the block writer's time at record level activity (150 blocks per million bars, too few for the
 * JIT to make those paths fast). Plain JDBC, one thread at a time.
 */
final class BlockSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockSession.class);

    private static final String INSERT = "INSERT INTO cycle_blocks (run_id, first_seq, last_seq, first_ts, last_ts,"
            + " cycles, status_mask, format, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LAST_HELD = "SELECT last_seq FROM cycle_blocks WHERE run_id = ? AND first_seq <= ?"
            + " ORDER BY run_id DESC, first_seq DESC LIMIT 1";

    private final Handle handle;
    private final Connection connection;
    /** Made for the first batch of records: a backtest's writer gets its blocks built and never needs one. */
    private BlockBuilder builder;
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

    /** @return the session's block builder, for a batch of records */
    BlockBuilder builder() {
        if (builder == null) {
            builder = new BlockBuilder();
        }
        return builder;
    }

    /**
     * The last cycle of the run a stored block holds, at or before {@code lastSeq}: a batch retried after a failure
     * the database reported but committed anyway must not store a cycle twice (blocks are keyed by their first cycle
     * only). Past what the sink saw committed (every batch but a retry's), no block can hold the cycles: no query.
     *
     * @param runId the run
     * @param firstSeq the first cycle to store
     * @param lastSeq the last cycle to store
     * @param known the last cycle of the run the sink has seen committed, {@code null} if none
     * @return that cycle's sequence, 0 if none
     */
    long held(String runId, long firstSeq, long lastSeq, Long known) throws SQLException {
        if (known != null && firstSeq > known) {
            return 0;
        }
        if (lastHeld == null) {
            lastHeld = connection.prepareStatement(LAST_HELD);
        }
        lastHeld.setString(1, runId);
        lastHeld.setLong(2, lastSeq);
        try (ResultSet rs = lastHeld.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Inserts a block in the open transaction. */
    void insert(CycleBlock block) throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement(INSERT);
        }
        CycleBlocks.Header h = block.header();
        insert.setString(1, block.runId());
        insert.setLong(2, h.firstSeq());
        insert.setLong(3, h.lastSeq());
        insert.setLong(4, h.firstTs());
        insert.setLong(5, h.lastTs());
        insert.setInt(6, h.cycles());
        insert.setInt(7, h.statusMask());
        insert.setInt(8, CycleBlockCodec.FORMAT);
        insert.setBytes(9, block.payload());
        insert.executeUpdate();
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
