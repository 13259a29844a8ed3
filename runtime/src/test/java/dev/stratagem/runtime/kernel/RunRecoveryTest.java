package dev.stratagem.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.history.SampleCycles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery reads an interrupted run after checking its recorded end (real H2 file). */
class RunRecoveryTest {

    private static final String RUN = "pp-20260101T000000-abc123";

    @TempDir
    Path dir;

    /** Cycles 1..8, warm-up, rejected and idle ones; cycle 7 will lose its portfolio snapshot. */
    private static List<CycleRecord> cycles() {
        List<CycleRecord> cycles = new ArrayList<>(List.of(SampleCycles.warmup(RUN, 1), SampleCycles.idle(RUN, 2),
                SampleCycles.rejected(RUN, 3)));
        for (long seq = 4; seq <= 8; seq++) {
            cycles.add(SampleCycles.idle(RUN, seq));
        }
        return cycles;
    }

    private static JdbiHistoryStore torn(Path file, String mode) {
        JdbiHistoryStore store = JdbiHistoryStore.openFile(file);
        store.startRun(new RunInfo(RUN, SampleCycles.STRATEGY, mode, 0, "{}", "test"));
        store.writeCycles(cycles());
        store.jdbi().useHandle(h -> h.createUpdate("DELETE FROM portfolio_snapshots WHERE compose_id = ?")
                .bind(0, SampleCycles.composeId(RUN, 7)).execute());
        return store;
    }

    @Test
    void a_paper_run_continues_after_its_last_whole_cycle() {
        try (JdbiHistoryStore store = torn(dir.resolve("h"), "paper")) {
            RunRecovery recovery = RunRecovery.find(store, SampleCycles.STRATEGY, "paper").orElseThrow();

            assertThat(recovery.runId()).isEqualTo(RUN);
            assertThat(recovery.lastSequence()).isEqualTo(6);
            assertThat(recovery.lastTs()).isEqualTo(cycles().get(5).ts());
            assertThat(recovery.fills()).isEqualTo(cycles().get(2).txResults());
            assertThat(recovery.equity()).hasSize(6);
            assertThat(recovery.lastPortfolio()).as("the portfolio after cycle 6, as recorded")
                    .isEqualTo(cycles().get(5).portfolioAfter());
            assertThat(store.cycleCount(RUN)).isEqualTo(6);
        }
    }

    @Test
    void a_live_run_with_an_incomplete_history_is_not_continued_and_nothing_is_deleted() {
        try (JdbiHistoryStore store = torn(dir.resolve("h"), "live")) {
            assertThatThrownBy(() -> RunRecovery.find(store, SampleCycles.STRATEGY, "live"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("live run " + RUN)
                    .hasMessageContaining("cycle 7")
                    .hasMessageContaining("runtime.resume=false");
            assertThat(store.cycleCount(RUN)).isEqualTo(8);
        }
    }
}
