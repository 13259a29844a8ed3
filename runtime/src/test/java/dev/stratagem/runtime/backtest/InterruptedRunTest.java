package dev.stratagem.runtime.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.history.RunSummary;
import java.math.BigDecimal;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
    void a_backtest_process_stopped_by_sigterm_is_interrupted_on_disk() throws Exception {
        Path data = tmp.resolve("minutes.csv");
        StringBuilder csv = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 400_000; i++) {
            double close = 100 + 10 * Math.sin(i / 50.0);
            csv.append(t.plusSeconds(60L * i)).append(',').append(close).append(',').append(close + 1).append(',')
                    .append(close - 1).append(',').append(close).append(",1000\n");
        }
        Files.writeString(data, csv);
        Path db = tmp.resolve("h");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.stratagem.runtime.cli.StratagemCommand", "backtest", "--strategy",
                TestPaths.strategies().resolve("sma-crossover-orcl.yaml").toString(), "--data", data.toString(),
                "--plugins", TestPaths.plugins().toString(), "--db", db.toString(), "--record", "all", "--quiet")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!recording(db) && process.isAlive() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(process.isAlive()).as(Files.readString(tmp.resolve("out.log"))).isTrue();
            process.destroy();   // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }

        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            assertThat(store.runs()).singleElement().satisfies(r -> assertThat(r.status())
                    .as("what the hook wrote, on disk once the process is gone").isEqualTo(InterruptedRun.STATUS));
        }
    }

    /** @return whether the backtest's history file holds recorded cycles (read by H2's own file lock rules: none) */
    private static boolean recording(Path db) throws java.io.IOException {
        Path file = Path.of(db + ".mv.db");
        return Files.exists(file) && Files.size(file) > 1_000_000;
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
