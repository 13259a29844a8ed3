package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted run's recorded end is checked row by row before the run continues (real H2 file). */
class TornCyclesTest {

    private static final String RUN = "pp-20260101T000000-abc123";
    /** Its compose ids start with this run's id too, but not with the run id and a dash. */
    private static final String OTHER = "pp-20260101T000000-abc1234";

    @TempDir
    Path dir;

    /** Cycles 1..8 of the run: warm-up, idle, rejected, failed (it has no snapshot), traded, idle... */
    private static List<CycleRecord> run(String runId) {
        List<CycleRecord> cycles = new ArrayList<>(List.of(SampleCycles.warmup(runId, 1), SampleCycles.idle(runId, 2),
                SampleCycles.rejected(runId, 3), SampleCycles.failed(runId, 4), SampleCycles.traded(runId, 5)));
        for (long seq = 6; seq <= 8; seq++) {
            cycles.add(SampleCycles.idle(runId, seq));
        }
        return cycles;
    }

    private static long rowsOf(JdbiHistoryStore store, String runId) {
        long n = 0;
        for (String table : CycleBatchInsert.ROW_TABLES) {
            n += store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table
                    + " WHERE compose_id LIKE ?").bind(0, runId + "-%").mapTo(Long.class).one());
        }
        return n;
    }

    private static long rowsOf(JdbiHistoryStore store, List<CycleRecord> cycles) {
        long n = 0;
        for (CycleRecord r : cycles) {
            for (int rows : CycleBatchInsert.rows(r)) {
                n += rows;
            }
        }
        return n;
    }

    private static void execute(JdbiHistoryStore store, String sql, Object... args) {
        store.jdbi().useHandle(h -> {
            var update = h.createUpdate(sql);
            for (int i = 0; i < args.length; i++) {
                update.bind(i, args[i]);
            }
            update.execute();
        });
    }

    @Test
    void a_complete_run_is_left_as_it_is() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            List<CycleRecord> cycles = run(RUN);
            store.writeCycles(cycles);

            assertThat(TornCycles.repair(store.jdbi(), RUN)).isZero();

            assertThat(store.cycleCount(RUN)).isEqualTo(8);
            assertThat(rowsOf(store, RUN)).isEqualTo(rowsOf(store, cycles));
        }
    }

    @Test
    void the_first_cycle_missing_a_row_and_every_later_one_are_dropped_with_rows_no_cycle_owns() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            List<CycleRecord> cycles = run(RUN);
            store.writeCycles(cycles);
            store.writeCycles(run(OTHER));   // a run whose id extends this one's: not touched
            // what a torn commit leaves: cycle 6 without its snapshot, cycle 5 without one of its fills, and the rows
            // of cycle 8 without its cycle row
            execute(store, "DELETE FROM portfolio_snapshots WHERE compose_id = ?", SampleCycles.composeId(RUN, 6));
            execute(store, "DELETE FROM tx_results WHERE compose_id = ? AND seq = 1", SampleCycles.composeId(RUN, 5));
            execute(store, "DELETE FROM cycles WHERE compose_id = ?", SampleCycles.composeId(RUN, 8));

            assertThat(TornCycles.repair(store.jdbi(), RUN)).as("cycles 5..7 dropped").isEqualTo(3);

            assertThat(store.cycleCount(RUN)).isEqualTo(4);
            assertThat(rowsOf(store, RUN)).as("the rows of cycles 1..4, and no others")
                    .isEqualTo(rowsOf(store, cycles.subList(0, 4)));
            for (CycleRecord kept : cycles.subList(0, 4)) {
                assertThat(store.cycle(kept.composeId())).contains(kept);
            }
            assertThat(store.cycleCount(OTHER)).isEqualTo(8);
            assertThat(rowsOf(store, OTHER)).isEqualTo(rowsOf(store, run(OTHER)));
            assertThat(TornCycles.repair(store.jdbi(), RUN)).as("once repaired, complete").isZero();
        }
    }
}
