package dev.stratagem.runtime.history;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the recorded end of an interrupted run before it is continued, and drops the cycles whose rows are not all
 * there. A paper or live cycle is stored in one transaction over eight tables ({@link CycleBatchInsert}), and a crash
 * should leave all of a transaction or none of it. Once, after a SIGKILL, H2 gave back a run one of whose cycle rows
 * had lost its portfolio snapshot (CrashRecoveryTest at 22586ea: the resumed equity curve was one point short).
 *
 * <p>A kept cycle that lacks a row its record calls for would continue the run wrong: a lost fill leaves the ledger
 * off, and a lost instruction loses a working order. So the recovery keeps the cycles before the first incomplete
 * one. It deletes that cycle and every later cycle of the run, with all their rows, and any of the run's rows that no
 * cycle row owns. The dropped cycles then run again under the same compose and instruction ids, and the paper
 * venue's journal answers a resent id with its original fill.
 */
public final class TornCycles {

    /** The cycles checked at the run's end: a write that tore is the writer's last batch (at most 512 cycles). */
    static final int TAIL = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(TornCycles.class);

    private TornCycles() {}

    /**
     * @param jdbi the history
     * @param runId the interrupted run
     * @return how many cycles were dropped
     */
    public static long repair(Jdbi jdbi, String runId) {
        return jdbi.inTransaction(h -> {
            long last = h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM cycles WHERE run_id = ?")
                    .bind(0, runId).mapTo(Long.class).one();
            long after = Math.max(0, last - TAIL);
            long orphans = deleteOrphans(h, runId);
            String[] why = new String[1];
            long from = firstIncomplete(h, runId, after, why);
            if (from < 0) {
                if (orphans > 0) {
                    LOG.warn("run {}: {} history row(s) without their cycle were left by the interrupted process;"
                            + " deleted", runId, orphans);
                }
                return 0L;
            }
            for (String table : CycleBatchInsert.ROW_TABLES) {
                h.createUpdate("DELETE FROM " + table + " WHERE compose_id IN (SELECT compose_id FROM cycles"
                        + " WHERE run_id = ? AND seq >= ?)").bind(0, runId).bind(1, from).execute();
            }
            long dropped = h.createUpdate("DELETE FROM cycles WHERE run_id = ? AND seq >= ?")
                    .bind(0, runId).bind(1, from).execute();
            LOG.warn("run {}: cycles {}..{} were stored only in part when the process stopped ({}); they are dropped"
                    + " and run again", runId, from, last, why[0]);
            return dropped;
        });
    }

    /** @return the first cycle after {@code after} whose rows differ from what its record calls for, or -1 */
    private static long firstIncomplete(Handle h, String runId, long after, String[] why) {
        Map<Long, int[]> stored = new HashMap<>();
        List<String> tables = CycleBatchInsert.ROW_TABLES;
        for (int t = 0; t < tables.size(); t++) {
            int table = t;
            h.createQuery("SELECT c.seq, COUNT(r.compose_id) FROM cycles c LEFT JOIN " + tables.get(t)
                            + " r ON r.compose_id = c.compose_id WHERE c.run_id = ? AND c.seq > ? GROUP BY c.seq")
                    .bind(0, runId).bind(1, after)
                    .map((rs, ctx) -> stored.computeIfAbsent(rs.getLong(1), k -> new int[tables.size()])[table]
                            = rs.getInt(2))
                    .list();
        }
        List<Map.Entry<Long, String>> records = h.createQuery("SELECT seq, record FROM cycles WHERE run_id = ?"
                        + " AND seq > ? ORDER BY seq")
                .bind(0, runId).bind(1, after)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        for (Map.Entry<Long, String> e : records) {
            int[] expected = CycleBatchInsert.rows(CycleJson.fromJson(e.getValue()));
            int[] actual = stored.getOrDefault(e.getKey(), new int[tables.size()]);
            if (!Arrays.equals(expected, actual)) {
                for (int t = 0; t < tables.size(); t++) {
                    if (expected[t] != actual[t]) {
                        why[0] = "cycle " + e.getKey() + " has " + actual[t] + " of its " + expected[t] + " row(s) in "
                                + tables.get(t);
                        break;
                    }
                }
                return e.getKey();
            }
        }
        return -1;
    }

    /** Deletes the run's rows that no cycle row owns (compose ids are {@code <runId>-<seq>}). */
    private static long deleteOrphans(Handle h, String runId) {
        long deleted = 0;
        for (String table : CycleBatchInsert.ROW_TABLES) {
            deleted += h.createUpdate("DELETE FROM " + table + " r WHERE r.compose_id LIKE ? ESCAPE '\\' AND NOT EXISTS"
                    + " (SELECT 1 FROM cycles c WHERE c.compose_id = r.compose_id)")
                    .bind(0, escapeLike(runId) + "-%").execute();
        }
        return deleted;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
