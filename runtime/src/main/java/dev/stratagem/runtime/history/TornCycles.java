package dev.stratagem.runtime.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the recorded end of an interrupted run before it is continued. A paper or live cycle is stored in one
 * transaction over eight tables ({@link CycleBatchInsert}), and a crash should leave all of a transaction or none of
 * it. Once, after a SIGKILL, a resumed run's equity curve came back one point short of its cycles
 * (CrashRecoveryTest at 22586ea): a cycle row without its portfolio snapshot. One cause found since: H2 2.5.252 leaves
 * a killed process's last committed transaction applied to some tables and not others, the rest unreadable
 * ({@link LeftoverTransactions}, which now finishes such a transaction when the file is opened). This check stays
 * for any other way a crash could leave a cycle incomplete.
 *
 * <p>A kept cycle that lacks a row its record calls for would continue the run wrong: a lost fill leaves the ledger
 * off, a lost instruction loses a working order. A cycle is incomplete when its stored rows differ, table by table,
 * from what its {@code record} column calls for ({@link CycleBatchInsert#rows}), when that record cannot be read,
 * or when rows of its compose id are there without the cycle row. Only the run's last {@value #TAIL} cycles and the
 * next {@value #AHEAD} ids are looked at: a torn write is the newest transaction (at most 512 cycles).
 */
public final class TornCycles {

    /** The recorded cycles checked at the run's end. */
    static final int TAIL = 2048;
    /** Ids past the last cycle row checked for rows without their cycle: one writer batch. */
    static final int AHEAD = 512;

    private static final Logger LOG = LoggerFactory.getLogger(TornCycles.class);

    /**
     * The first incomplete cycle of a run.
     *
     * @param sequence its number
     * @param last the run's last cycle with a row ({@code sequence} may be past it: rows without their cycle)
     * @param why what is missing, for the log
     */
    public record Tear(long sequence, long last, String why) {}

    private TornCycles() {}

    /**
     * Finds the run's first incomplete cycle and deletes it and every later cycle of the run, with all their rows:
     * they run again under the same ids (the paper venue's journal answers a resent id with its original fill). The
     * portfolio breaker's stored state goes too (it may sum those cycles), with the stored cycles' updates after it:
     * the restart starts that breaker afresh.
     *
     * @param jdbi the history
     * @param runId the interrupted run
     * @return how many cycle rows were deleted
     */
    public static long repair(Jdbi jdbi, String runId) {
        return jdbi.inTransaction(h -> {
            Tear tear = find(h, runId);
            if (tear == null) {
                return 0L;
            }
            for (String table : CycleBatchInsert.ROW_TABLES) {
                h.createUpdate("DELETE FROM " + table + " WHERE compose_id IN (<ids>)")
                        .bindList("ids", ids(runId, tear.sequence(), tear.last() + AHEAD)).execute();
            }
            long dropped = h.createUpdate("DELETE FROM cycles WHERE run_id = ? AND seq >= ?")
                    .bind(0, runId).bind(1, tear.sequence()).execute();
            // the portfolio breaker's stored state may sum the deleted cycles, and the updates after it may be theirs:
            // the restart starts it afresh instead
            h.createUpdate("DELETE FROM portfolio_breaker_states").execute();
            h.createUpdate("DELETE FROM portfolio_breaker_updates").execute();
            LOG.warn("run {}: cycles from {} on were stored only in part when the process stopped ({}); {} cycle(s)"
                    + " deleted, to run again", runId, tear.sequence(), tear.why(), dropped);
            return dropped;
        });
    }

    /**
     * @param jdbi the history
     * @param runId an interrupted run
     * @return its first incomplete cycle, or null if its recorded end is whole
     */
    public static Tear find(Jdbi jdbi, String runId) {
        return jdbi.withHandle(h -> find(h, runId));
    }

    private static Tear find(Handle h, String runId) {
        long last = h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM cycles WHERE run_id = ?")
                .bind(0, runId).mapTo(Long.class).one();
        long after = Math.max(0, last - TAIL);
        Tear orphan = firstOrphan(h, runId, after, last);
        Tear incomplete = firstIncomplete(h, runId, after, last, orphan == null ? Long.MAX_VALUE : orphan.sequence());
        return incomplete != null ? incomplete : orphan;
    }

    /** @return the first id in (after, last + AHEAD] with rows but no cycle row, or null */
    private static Tear firstOrphan(Handle h, String runId, long after, long last) {
        Set<Long> recorded = new HashSet<>(h.createQuery("SELECT seq FROM cycles WHERE run_id = ? AND seq > ?"
                + " AND seq <= ?").bind(0, runId).bind(1, after).bind(2, last).mapTo(Long.class).list());
        List<String> ids = ids(runId, after + 1, last + AHEAD);
        long first = Long.MAX_VALUE;
        String table = null;
        for (String t : CycleBatchInsert.ROW_TABLES) {
            for (String id : h.createQuery("SELECT DISTINCT compose_id FROM " + t + " WHERE compose_id IN (<ids>)")
                    .bindList("ids", ids).mapTo(String.class).list()) {
                long seq = Long.parseLong(id.substring(runId.length() + 1));
                if (!recorded.contains(seq) && seq < first) {
                    first = seq;
                    table = t;
                }
            }
        }
        return table == null ? null
                : new Tear(first, last, "cycle " + first + " has rows in " + table + " but no cycle row");
    }

    /** @return the first cycle in (after, min(last, before)) whose rows differ from its record's, or null */
    private static Tear firstIncomplete(Handle h, String runId, long after, long last, long before) {
        List<String> tables = CycleBatchInsert.ROW_TABLES;
        Map<Long, int[]> stored = new HashMap<>();
        for (int t = 0; t < tables.size(); t++) {
            int table = t;
            h.createQuery("SELECT c.seq, COUNT(r.compose_id) FROM cycles c LEFT JOIN " + tables.get(t)
                            + " r ON r.compose_id = c.compose_id WHERE c.run_id = ? AND c.seq > ? AND c.seq <= ?"
                            + " GROUP BY c.seq")
                    .bind(0, runId).bind(1, after).bind(2, last)
                    .map((rs, ctx) -> stored.computeIfAbsent(rs.getLong(1), k -> new int[tables.size()])[table]
                            = rs.getInt(2))
                    .list();
        }
        try (ResultIterator<Map.Entry<Long, String>> records = h.createQuery("SELECT seq, record FROM cycles"
                        + " WHERE run_id = ? AND seq > ? AND seq <= ? ORDER BY seq")
                .bind(0, runId).bind(1, after).bind(2, last)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).iterator()) {
            while (records.hasNext()) {   // one record at a time: a rationale can be long
                Map.Entry<Long, String> e = records.next();
                long seq = e.getKey();
                if (seq >= before) {
                    return null;
                }
                int[] expected;
                try {
                    expected = CycleBatchInsert.rows(CycleJson.fromJson(e.getValue()));
                } catch (RuntimeException unreadable) {
                    return new Tear(seq, last, "cycle " + seq + "'s record cannot be read: " + unreadable.getMessage());
                }
                int[] actual = stored.getOrDefault(seq, new int[tables.size()]);
                for (int t = 0; t < tables.size(); t++) {
                    if (expected[t] != actual[t]) {
                        return new Tear(seq, last, "cycle " + seq + " has " + actual[t] + " of its " + expected[t]
                                + " row(s) in " + tables.get(t));
                    }
                }
            }
        }
        return null;
    }

    /** @return the compose ids {@code <runId>-<from>} to {@code <runId>-<to>} */
    private static List<String> ids(String runId, long from, long to) {
        List<String> ids = new ArrayList<>((int) Math.max(0, to - from + 1));
        for (long seq = from; seq <= to; seq++) {
            ids.add(runId + "-" + seq);
        }
        return ids;
    }
}
