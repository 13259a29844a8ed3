package dev.stratagem.runtime.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.history.RunSummary;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backtest stopped by a signal ends its run as interrupted; one that finished keeps its summary. */
class InterruptedRunTest {

    @TempDir
    Path tmp;

    @Test
    void a_run_stopped_before_it_finished_is_recorded_as_interrupted() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("h"))) {
            store.startRun(new RunInfo("bt-1", "s", "backtest", 1, "{}", "data.csv"));
            try (InterruptedRun run = new InterruptedRun(store, "bt-1", 2)) {
                run.stopped();   // what the JVM's shutdown hook runs on Ctrl-C
            }
            assertThat(store.run("bt-1").orElseThrow()).extracting(r -> r.status(), r -> r.skippedRows())
                    .containsExactly(InterruptedRun.STATUS, 2);
        }
    }

    @Test
    void a_run_that_finished_keeps_its_summary() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("h"))) {
            store.startRun(new RunInfo("bt-2", "s", "backtest", 1, "{}", "data.csv"));
            try (InterruptedRun run = new InterruptedRun(store, "bt-2", 0)) {
                store.finishRun(new RunSummary("bt-2", 2, "FINISHED", 10, 10, 1, BigDecimal.TEN, 0, 0, 0, "d", 0));
                run.stopped();   // a signal right after the last write
            }
            assertThat(store.run("bt-2").orElseThrow().status()).isEqualTo("FINISHED");
        }
    }
}
