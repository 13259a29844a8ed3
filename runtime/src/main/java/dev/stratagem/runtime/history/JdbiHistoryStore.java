package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeHistoryEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The history database: runs, cycle records and trades, on an embedded H2 file or on PostgreSQL.
 * Opening it migrates the schema (Flyway, {@code classpath:db/migration}); a new H2 file is a copy of one migrated
 * once per JVM. Thread-safe; connections
 * come from a small pool. Cycles are normally written through a {@link HistoryWriter}: a paper or live run's one
 * row per cycle over the tables of the V1 migration ({@link #writeCycles}), a backtest's in blocks of many
 * cycles ({@link #blockRecorder()}). Every read of a run's cycles answers the same for either.
 */
public final class JdbiHistoryStore implements CycleSink, AutoCloseable {

    /** The status of a run that has started and not finished. */
    public static final String RUNNING = "RUNNING";

    private static final String RUN_COLUMNS = "run_id, strategy_id, mode, started_at, config, data_source, status,"
            + " finished_at, cycles, recorded_cycles, trades, final_equity, total_return, max_drawdown, sharpe,"
            + " result_digest, skipped_rows";

    private final JdbcConnectionPool pool;
    private final SqlDialect dialect;
    private final Jdbi jdbi;
    private final CycleBatchInsert cycleInsert;
    private final CycleBlocks blocks;
    private final RowCycleReads rowReads;
    private final BlockCycleReads blockReads;
    /** Runs found to be stored in blocks (a run never moves back to rows). */
    private final Set<String> blockRuns = ConcurrentHashMap.newKeySet();

    private JdbiHistoryStore(JdbcConnectionPool pool, SqlDialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(pool);
        this.cycleInsert = new CycleBatchInsert(dialect);
        this.blocks = new CycleBlocks(jdbi);
        this.rowReads = new RowCycleReads(jdbi);
        this.blockReads = new BlockCycleReads(jdbi);
    }

    /**
     * Opens an embedded H2 database file and migrates it; a new file starts as a copy of an empty file migrated once
     * per JVM ({@link H2Template}).
     *
     * @param dbFileWithoutSuffix the database path without {@code .mv.db}, e.g. {@code data/stratagem}
     * @return the store
     */
    public static JdbiHistoryStore openFile(Path dbFileWithoutSuffix) {
        Path path = filePath(dbFileWithoutSuffix);
        return openFile(path, H2Template.createFrom(Path.of(path + ".mv.db")));
    }

    /** Opens and migrates the file, new or not: what {@link H2Template} copies. */
    static JdbiHistoryStore openMigrated(Path dbFileWithoutSuffix) {
        return openFile(filePath(dbFileWithoutSuffix), false);
    }

    private static Path filePath(Path dbFileWithoutSuffix) {
        Path path = dbFileWithoutSuffix.toAbsolutePath().normalize();
        String name = path.getFileName().toString();
        if (name.endsWith(".mv.db")) {
            path = path.resolveSibling(name.substring(0, name.length() - ".mv.db".length()));
        }
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the history folder " + path.getParent(), e);
        }
        return path;
    }

    /**
     * @param created whether the file was just created from the template: then it is not migrated, and it closes
     *     without compaction
     */
    private static JdbiHistoryStore openFile(Path path, boolean created) {
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook must not close the file under a writer that is
        // still draining; close() closes it. AUTO_SERVER=FALSE: H2's automatic server would listen on every
        // interface for a second process; the console and the ops endpoint serve the history instead.
        // MAX_COMPACT_TIME=0 for a file this open created (a backtest's own file, written in one go): on close H2
        // spends up to 200 ms moving live pages to the file's end, and for a new million-bar backtest file at record
        // activity that took 60-320 ms of the run's wall time and left it larger (46 MB against 31 MB), the space
        // it freed not truncated in time. A file that existed keeps H2's compaction on close: in one file shared by
        // 40 backtests, skipping it left the file 1,319 MB against 1,091 MB.
        Path trace = Path.of(path + ".trace.db");
        boolean traced = Files.exists(trace);
        try {
            return open("jdbc:h2:file:" + path + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536"
                    + (created ? ";MAX_COMPACT_TIME=0" : ""), "sa", "", !created);
        } catch (RuntimeException e) {
            if (!traced) {
                deleteQuietly(trace);   // H2's note of the failure: the exception below says it, with what to do
            }
            int code = h2ErrorCode(e);
            if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new IllegalStateException(path + ".mv.db is open in another process (a `stratagem demo` or "
                        + "`stratagem run` keeps it until it stops): stop that process or pass --db for another "
                        + "history file; meanwhile that process's console shows what it recorded", e);
            }
            if (code == ErrorCode.FILE_CORRUPTED_1 || code == ErrorCode.FILE_VERSION_ERROR_1
                    || code == ErrorCode.FILE_ENCRYPTION_ERROR_1 || !h2File(Path.of(path + ".mv.db"))) {
                throw new IllegalStateException(path + ".mv.db is not a history file this runtime can read (damaged,"
                        + " another program's, or written by another H2 version): move it away, or pass --db for"
                        + " another history file", e);
            }
            throw e;
        }
    }

    /** @return whether the file starts as an H2 database file does ({@code H:2,}); true if it cannot be read */
    private static boolean h2File(Path mvDb) {
        try (var in = Files.newInputStream(mvDb)) {
            byte[] head = in.readNBytes(4);
            return head.length < 4 || new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("H:2,");
        } catch (IOException e) {
            return true;
        }
    }

    /** @return the error code of the first H2 {@link SQLException} among the causes, 0 if none */
    private static int h2ErrorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // only H2's own note of the failure stays behind
        }
    }

    /**
     * Opens a history database by JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}) and migrates it.
     *
     * @param jdbcUrl the URL
     * @param user the user
     * @param password the password
     * @return the store
     */
    public static JdbiHistoryStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, true);
    }

    private static JdbiHistoryStore open(String jdbcUrl, String user, String password, boolean migrate) {
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        JdbcConnectionPool pool = switch (dialect) {
            case H2 -> JdbcConnectionPool.create(jdbcUrl, user, password);
            case POSTGRESQL -> {
                PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
                source.setURL(jdbcUrl);
                source.setUser(user);
                source.setPassword(password);
                yield JdbcConnectionPool.create(source);
            }
        };
        try {
            // opened now, as a migration would: the file is locked from here on, and a file another process holds is
            // refused here, not at the first write; a killed process's committed transaction is finished first
            try (Connection first = pool.getConnection()) {
                if (dialect == SqlDialect.H2) {
                    LeftoverTransactions.finish(first);
                }
            }
            if (!migrate) {
                return new JdbiHistoryStore(pool, dialect);
            }
            Flyway.configure(JdbiHistoryStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("json", dialect.jsonType(), "bytes", dialect.bytesType()))
                    .load()
                    .migrate();
        } catch (SQLException e) {
            pool.dispose();
            throw new IllegalStateException("cannot open the history database " + jdbcUrl + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return new JdbiHistoryStore(pool, dialect);
    }

    /**
     * Records the start of a run.
     *
     * @param run the run
     */
    public void startRun(RunInfo run) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO runs (run_id, strategy_id, mode, started_at, config,"
                        + " data_source, status) VALUES (?, ?, ?, ?, " + dialect.jsonParameter() + ", ?, ?)")
                .bind(0, run.runId()).bind(1, run.strategyId()).bind(2, run.mode()).bind(3, run.startedAt())
                .bind(4, run.configJson()).bind(5, run.dataSource()).bind(6, RUNNING)
                .execute());
    }

    /**
     * Ends a run that is still {@value #RUNNING} without a summary (it failed, or its process was stopped), with a
     * status saying why and the counts of what it recorded ({@link #withProgress}); a run that finished meanwhile
     * keeps its summary.
     *
     * @param runId the run
     * @param at when it stopped, epoch millis
     * @param status why
     * @param skippedRows the input rows it skipped as bad data
     * @return whether the run was still running
     */
    public boolean endRun(String runId, long at, String status, int skippedRows) {
        return jdbi.inTransaction(h -> {
            long[] counts = progress(h, runId);
            return h.createUpdate("UPDATE runs SET finished_at = ?, status = ?, cycles = ?, recorded_cycles = ?,"
                    + " trades = ?, skipped_rows = ? WHERE run_id = ? AND status = ?")
                    .bind(0, at).bind(1, RunSummary.fit(status)).bind(2, counts[0]).bind(3, counts[1])
                    .bind(4, (int) counts[2]).bind(5, skippedRows).bind(6, runId).bind(7, RUNNING).execute();
        }) > 0;
    }

    /**
     * Makes what is committed so far durable now. An embedded H2 writes its commits to the file a moment later, from
     * a thread of its own; a JVM that exits meanwhile without closing the database (a shutdown hook recording an
     * interrupted run while the run's thread still writes) lost them. PostgreSQL's commits are durable already.
     */
    public void sync() {
        if (dialect == SqlDialect.H2) {
            jdbi.useHandle(h -> h.execute("CHECKPOINT SYNC"));
        }
    }

    /**
     * Records the end of a run.
     *
     * @param summary the run's results
     * @throws IllegalStateException if the run was never started
     */
    public void finishRun(RunSummary summary) {
        int updated = jdbi.withHandle(h -> {
            var update = h.createUpdate("UPDATE runs SET finished_at = ?, status = ?, cycles = ?, recorded_cycles = ?,"
                    + " trades = ?, final_equity = ?, total_return = ?, max_drawdown = ?, sharpe = ?,"
                    + " result_digest = ?, skipped_rows = ? WHERE run_id = ?");
            update.bind(0, summary.finishedAt()).bind(1, summary.status()).bind(2, summary.cycles())
                    .bind(3, summary.recordedCycles()).bind(4, summary.trades()).bind(5, summary.finalEquity());
            double[] ratios = {summary.totalReturn(), summary.maxDrawdown(), summary.sharpe()};
            for (int i = 0; i < ratios.length; i++) {
                if (Double.isNaN(ratios[i])) {
                    update.bindNull(6 + i, Types.DOUBLE);
                } else {
                    update.bind(6 + i, ratios[i]);
                }
            }
            return update.bind(9, summary.resultDigest()).bind(10, summary.skippedRows())
                    .bind(11, summary.runId()).execute();
        });
        if (updated == 0) {
            throw new IllegalStateException("cannot finish run '" + summary.runId() + "': it was never started");
        }
    }

    /**
     * Writes a batch of cycle records in one transaction: all of them, in every table, or none.
     *
     * @param batch the records
     */
    @Override
    public void writeCycles(List<CycleRecord> batch) {
        writeCycles(batch, h -> { });
    }

    /**
     * Stores a batch of cycle records and what must stand or fall with them, in one transaction.
     *
     * @param batch the records, in order
     * @param alongside writes the rest with the transaction's handle, after the records
     */
    public void writeCycles(List<CycleRecord> batch, HandleConsumer<RuntimeException> alongside) {
        if (!batch.isEmpty()) {
            jdbi.useTransaction(h -> {
                cycleInsert.insert(h, batch);
                alongside.useHandle(h);
            });
        }
    }

    /**
     * @return a recorder that stores a backtest's cycles in blocks of the {@code cycle_blocks} table: one row per
     *     {@value BlockRecorder#BLOCK_CYCLES} cycles instead of about ten per cycle. The reads here answer the same
     *     for a run stored either way. The caller closes it.
     */
    public BlockRecorder blockRecorder() {
        return new BlockRecorder(blocks);
    }

    /** @return a sink that stores each batch of records as one block (per run) of the {@code cycle_blocks} table */
    public CycleSink blockSink() {
        return blocks;
    }

    /**
     * Replaces a run's trade list (open trades included) in one transaction.
     *
     * @param runId the run
     * @param trades all of its trades, in order
     */
    public void writeTrades(String runId, List<TradeHistoryEntry> trades) {
        jdbi.useTransaction(h -> {
            try {
                TradeInsert.replace(h.getConnection(), runId, trades);
            } catch (SQLException e) {
                throw new HistoryWriteException("cannot write the " + trades.size() + " trade(s) of run " + runId
                        + ": " + e, e);
            }
        });
    }

    /** @return every run, newest first; a run still going with its counts so far ({@link #withProgress}) */
    public List<RunRow> runs() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM runs"
                        + " ORDER BY started_at DESC, run_id DESC")
                .map((rs, ctx) -> runRow(rs)).list().stream().map(r -> withProgress(h, r)).toList());
    }

    /**
     * @param runId a run id
     * @return the run, if stored; still going, with its counts so far ({@link #withProgress})
     */
    public Optional<RunRow> run(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM runs WHERE run_id = ?")
                .bind(0, runId).map((rs, ctx) -> runRow(rs)).findOne().map(r -> withProgress(h, r)));
    }

    /**
     * A run still going has no summary yet: its counts so far are read from what it has recorded.
     */
    private static RunRow withProgress(Handle h, RunRow run) {
        if (run.finished()) {
            return run;
        }
        long[] counts = progress(h, run.runId());
        return run.withProgress(counts[0], counts[1], (int) counts[2]);
    }

    /**
     * @return what a run has recorded: its cycles (the last recorded sequence; in a backtest at record level activity,
     *     the last cycle kept), the cycles recorded, and the trades the last recorded cycle's trade digest counts
     *     (closed before that cycle), in rows or in blocks
     */
    private static long[] progress(Handle h, String runId) {
        long[] rows = h.createQuery("SELECT COALESCE(MAX(seq), 0), COUNT(*) FROM cycles WHERE run_id = ?")
                .bind(0, runId).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        long[] blocks = h.createQuery("SELECT COALESCE(MAX(last_seq), 0), COALESCE(SUM(cycles), 0) FROM cycle_blocks"
                        + " WHERE run_id = ?")
                .bind(0, runId).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        int trades = blocks[0] > rows[0] ? CycleBlocks.latest(h, runId, r -> r.context() == null ? null
                        : r.context().digest().tradeCount()).orElse(0)
                : h.createQuery("SELECT d.digest FROM cycles c JOIN digests d ON d.compose_id = c.compose_id"
                                + " WHERE c.run_id = ? ORDER BY c.seq DESC FETCH FIRST 1 ROWS ONLY")
                        .bind(0, runId).mapTo(String.class).findOne()
                        .map(json -> CycleJson.read(json, TradeDigest.class).tradeCount()).orElse(0);
        return new long[] {Math.max(rows[0], blocks[0]), rows[1] + blocks[1], trades};
    }

    /**
     * @param composeId a cycle id
     * @return the full cycle record, if stored
     */
    public Optional<CycleRecord> cycle(String composeId) {
        Optional<String> row = rowJson(composeId);
        return row.isPresent() ? row.map(CycleJson::fromJson) : blockReads.cycle(composeId);
    }

    /**
     * @param composeId a cycle id
     * @return the cycle record's JSON, as the database returns it, if stored
     */
    public Optional<String> cycleJson(String composeId) {
        Optional<String> row = rowJson(composeId);
        return row.isPresent() ? row : blockReads.cycle(composeId).map(CycleJson::toJson);
    }

    private Optional<String> rowJson(String composeId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT record FROM cycles WHERE compose_id = ?")
                .bind(0, composeId).mapTo(String.class).findOne());
    }

    /** Where the run's cycles are read from: its blocks if it has any, else its rows. */
    private CycleReads reads(String runId) {
        if (blockRuns.contains(runId)) {
            return blockReads;
        }
        if (blocks.holds(runId)) {
            blockRuns.add(runId);
            return blockReads;
        }
        return rowReads;
    }

    /**
     * @param runId a run
     * @param limit the most rows to return
     * @return the run's first cycles, by sequence
     */
    public List<CycleRow> cycles(String runId, int limit) {
        return cycles(runId, 0, limit);
    }

    /**
     * @param runId a run
     * @param afterSequence return cycles after this sequence number (0 for the first page)
     * @param limit the most rows to return
     * @return one page of the run's cycles, by sequence
     */
    public List<CycleRow> cycles(String runId, long afterSequence, int limit) {
        return reads(runId).cycleRows(runId, afterSequence, limit);
    }

    /**
     * @param runId a run
     * @return its trades as last written by {@link #writeTrades}
     */
    public List<TradeHistoryEntry> trades(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT trade_id, symbol, quantity, entry_ts, entry_price, exit_ts,"
                        + " exit_price, realized_pnl, fees, entry_instruction_id, exit_instruction_id FROM trades"
                        + " WHERE run_id = ? ORDER BY idx")
                .bind(0, runId)
                .map((rs, ctx) -> new TradeHistoryEntry(rs.getString(1), rs.getString(2), rs.getDouble(3),
                        rs.getLong(4), rs.getDouble(5), rs.getLong(6), doubleOrNaN(rs, 7), rs.getDouble(8),
                        rs.getDouble(9), rs.getString(10), rs.getString(11)))
                .list());
    }

    /**
     * @param runId a run
     * @return the number of its cycles stored
     */
    public long cycleCount(String runId) {
        return reads(runId).count(runId);
    }

    /**
     * One keyset page of a run's cycles, filtered.
     *
     * @param filter the run, the filters, the cursor and the page size
     * @return the page, with the cursor of the next one
     */
    public CyclePage cycles(CycleFilter filter) {
        return reads(filter.runId()).cycles(filter);
    }

    /**
     * @param runId a run
     * @param points at most how many cycles to sample, evenly by sequence (the latest always among them)
     * @return the equity after each sampled cycle, by sequence
     */
    public List<SeriesPoint> equitySeries(String runId, int points) {
        return reads(runId).equity(runId, points);
    }

    /**
     * @param runId a run
     * @param feature a feature name, such as {@code close}
     * @param points at most how many cycles to sample (as {@link #equitySeries})
     * @return the feature's value at each sampled cycle, by sequence (any symbol)
     */
    public List<SeriesPoint> featureSeries(String runId, String feature, int points) {
        return reads(runId).feature(runId, feature, points);
    }

    /**
     * @param runId a run
     * @param feature {@code close} for the close's candles (or its line when the run recorded no open, high and
     *     low features), another feature name for that feature's line
     * @param points at most how many cycles to sample (as {@link #equitySeries})
     * @return the price series, sampled as {@link #featureSeries}
     */
    public PriceSeries priceSeries(String runId, String feature, int points) {
        CycleReads reads = reads(runId);
        return feature.equals("close") ? PriceSeries.close(reads.bars(runId, points))
                : PriceSeries.line(feature, reads.feature(runId, feature, points));
    }

    /**
     * @param runId a run
     * @return the equity after its latest recorded cycle, if any
     */
    public Optional<SeriesPoint> lastEquity(String runId) {
        return reads(runId).lastEquity(runId);
    }

    /**
     * @param runId a run
     * @return the sequence of its latest stored cycle, {@code 0} if none
     */
    public long lastSequence(String runId) {
        return reads(runId).lastSequence(runId);
    }


    /** @return the database handle, for the risk store and crash recovery (same pool, same schema) */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Closes the pool; with its last connection gone an embedded H2 database closes its file. */
    @Override
    public void close() {
        blocks.close();
        pool.dispose();
    }

    private static RunRow runRow(ResultSet rs) throws SQLException {
        BigDecimal equity = rs.getBigDecimal("final_equity");
        if (equity != null) {
            // the column pads to its scale; give back the plain value (100000, not 100000.000000000000)
            equity = equity.stripTrailingZeros();
            equity = equity.scale() < 0 ? equity.setScale(0) : equity;
        }
        return new RunRow(rs.getString("run_id"), rs.getString("strategy_id"), rs.getString("mode"),
                rs.getLong("started_at"), rs.getString("config"), rs.getString("data_source"),
                rs.getString("status"), rs.getLong("finished_at"), rs.getLong("cycles"),
                rs.getLong("recorded_cycles"), rs.getInt("trades"), equity,
                doubleOrNaN(rs, "total_return"), doubleOrNaN(rs, "max_drawdown"), doubleOrNaN(rs, "sharpe"),
                rs.getString("result_digest") == null ? "" : rs.getString("result_digest"),
                rs.getInt("skipped_rows"));
    }

    private static double doubleOrNaN(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }

    /**
     * @param rs a result set on a row
     * @param column a DOUBLE column
     * @return its value, NaN for NULL: a NaN is stored as NULL (see {@code CycleBatchInsert})
     * @throws SQLException as the result set does
     */
    public static double doubleOrNaN(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }
}
