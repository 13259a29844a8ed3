package dev.stratagem.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.testing.RunFiles;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code stratagem run} as a real process, sends it SIGTERM mid-run, and checks that every cycle it
 * ran was recorded: contiguous sequences, the run marked stopped by the signal, nothing lost.
 */
class KernelSignalTest {

    @TempDir
    Path tmp;

    @Test
    void sigterm_drains_and_flushes_every_cycle() throws Exception {
        Path runFile = RunFiles.write(tmp, 2_000_000); // ~43 ms per daily bar: a run of minutes
        Path db = tmp.resolve("history");
        Path log = tmp.resolve("run.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.stratagem.runtime.cli.StratagemCommand", "run", "--config", runFile.toString(),
                "--plugins", TestPaths.plugins().toString(), "--db", db.toString(), "--no-console"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLog(log, "started 2 strategies", 60);
            awaitGrowth(Path.of(db + ".mv.db"), process);
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }

        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            for (RunRow run : store.runs()) {
                List<CycleRow> cycles = store.cycles(run.runId(), 100_000);
                assertThat(cycles).as(run.strategyId()).isNotEmpty();
                for (int i = 0; i < cycles.size(); i++) {
                    assertThat(cycles.get(i).sequence()).isEqualTo(i + 1);
                }
                assertThat(run.status()).isEqualTo("STOPPED: signal");
                assertThat(run.cycles()).as("cycles run == cycles recorded").isEqualTo(cycles.size());
            }
        }
        assertThat(Files.readString(log)).contains("stopped (signal)");
    }

    private static void awaitLog(Path log, String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("'" + text + "' did not appear in " + log + ":\n" + Files.readString(log));
    }

    /** Waits until the history file grows past its size after migration: cycles are being committed. */
    private static void awaitGrowth(Path file, Process process) throws IOException, InterruptedException {
        long initial = Files.size(file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive() && Files.size(file) <= initial) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(process.isAlive()).as("still running before the signal").isTrue();
        assertThat(Files.size(file)).as("history written before the signal").isGreaterThan(initial);
    }
}
