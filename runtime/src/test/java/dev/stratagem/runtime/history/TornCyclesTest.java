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

    static final String RUN = "pp-20260101T000000-abc123";
    /** Its compose ids start with this run's id too, but not with the run id and a dash. */
    private static final String OTHER = "pp-20260101T000000-abc1234";

    @TempDir
    Path dir;

    /** Cycles 1..8: warm-up, idle, rejected, failed (it has no snapshot), traded (three fills), idle, idle, idle. */
    static List<CycleRecord> run(String runId) {
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

    private static long rowsOf(List<CycleRecord> cycles) {
        long n = 0;
        for (CycleRecord r : cycles) {
            for (int rows : CycleBatchInsert.rows(r)) {
                n += rows;
            }
        }
        return n;
    }

    static void execute(JdbiHistoryStore store, String sql, Object... args) {
        store.jdbi().useHandle(h -> {
            var update = h.createUpdate(sql);
            for (int i = 0; i < args.length; i++) {
                update.bind(i, args[i]);
            }
            update.execute();
        });
    }

    private static List<Long> sequences(JdbiHistoryStore store, String runId) {
        return store.cycles(runId, 100).stream().map(CycleRow::sequence).toList();
    }

    /** Repairs the run and checks that cycles 1..{@code kept} are there whole, and nothing after them. */
    private static void assertRepairedTo(JdbiHistoryStore store, int kept) {
        List<CycleRecord> cycles = run(RUN);
        long stored = store.cycleCount(RUN);
        assertThat(TornCycles.repair(store.jdbi(), RUN)).as("cycle rows deleted").isEqualTo(stored - kept);
        assertThat(sequences(store, RUN)).hasSize(kept).containsExactlyElementsOf(
                cycles.subList(0, kept).stream().map(CycleRecord::sequence).toList());
        assertThat(rowsOf(store, RUN)).as("the rows of the cycles kept, and no others")
                .isEqualTo(rowsOf(cycles.subList(0, kept)));
        for (CycleRecord r : cycles.subList(0, kept)) {
            assertThat(store.cycle(r.composeId())).contains(r);
        }
        assertThat(TornCycles.find(store.jdbi(), RUN)).as("once repaired, whole").isNull();
    }

    @Test
    void a_whole_run_is_left_as_it_is() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(run(RUN));

            assertThat(TornCycles.find(store.jdbi(), RUN)).isNull();
            assertThat(TornCycles.repair(store.jdbi(), RUN)).isZero();

            assertThat(sequences(store, RUN)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(rowsOf(store, RUN)).isEqualTo(rowsOf(run(RUN)));
        }
    }

    @Test
    void a_cycle_without_its_portfolio_snapshot_runs_again_with_every_later_one() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(run(RUN));
            execute(store, "DELETE FROM portfolio_snapshots WHERE compose_id = ?", SampleCycles.composeId(RUN, 7));

            assertThat(TornCycles.find(store.jdbi(), RUN).why()).contains("cycle 7", "portfolio_snapshots");
            assertRepairedTo(store, 6);
        }
    }

    @Test
    void a_cycle_missing_one_of_its_fills_runs_again() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(run(RUN));
            execute(store, "DELETE FROM tx_results WHERE compose_id = ? AND seq = 1", SampleCycles.composeId(RUN, 5));

            assertRepairedTo(store, 4);
        }
    }

    @Test
    void rows_whose_cycle_row_is_gone_make_that_cycle_run_again_even_before_the_last() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(run(RUN));
            execute(store, "DELETE FROM cycles WHERE compose_id = ?", SampleCycles.composeId(RUN, 5));

            assertThat(TornCycles.find(store.jdbi(), RUN).why()).contains("cycle 5", "no cycle row");
            assertRepairedTo(store, 4);
        }
    }

    @Test
    void rows_past_the_last_cycle_row_are_deleted() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(run(RUN));
            execute(store, "DELETE FROM cycles WHERE compose_id = ?", SampleCycles.composeId(RUN, 8));

            assertRepairedTo(store, 7);
        }
    }

    @Test
    void a_record_that_cannot_be_read_counts_as_incomplete() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(run(RUN));
            execute(store, "UPDATE cycles SET record = ? FORMAT JSON WHERE compose_id = ?", "{\"composeId\":1}",
                    SampleCycles.composeId(RUN, 3));

            assertThat(TornCycles.find(store.jdbi(), RUN).why()).contains("cycle 3", "cannot be read");
            assertRepairedTo(store, 2);
        }
    }

    @Test
    void another_run_is_not_touched_even_when_its_id_extends_this_ones() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(run(RUN));
            store.writeCycles(run(OTHER));
            execute(store, "DELETE FROM portfolio_snapshots WHERE compose_id = ?", SampleCycles.composeId(RUN, 6));
            execute(store, "DELETE FROM cycles WHERE compose_id = ?", SampleCycles.composeId(OTHER, 7));
            long otherRows = rowsOf(store, OTHER);

            assertRepairedTo(store, 5);

            assertThat(sequences(store, OTHER)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L);
            assertThat(rowsOf(store, OTHER)).as("its rows, those of its lost cycle row too").isEqualTo(otherRows);
        }
    }
}
