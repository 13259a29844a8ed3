package dev.stratagem.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.risk.PortfolioBreakerState;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.RiskStore;
import dev.stratagem.runtime.testing.RunFiles;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Kills {@code stratagem run} with SIGKILL mid-run, restarts it on the same database, and checks that the
 * runs continue (same run ids, contiguous sequences), that no instruction id was filled twice, and that the
 * result equals an uninterrupted run of the same strategies: same trades, equity and digest.
 */
class CrashRecoveryTest {

    @TempDir
    Path tmp;

    @Test
    void a_sigkilled_paper_run_continues_from_h2_without_executing_an_instruction_twice() throws Exception {
        Path runFile = RunFiles.write(tmp, 8_000_000); // ~11 ms per daily bar
        Path db = tmp.resolve("history");
        Process process = start(runFile, db, tmp.resolve("run.log"));
        try {
            awaitFills(db.resolveSibling("history.paper"), 6, process);
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        List<String> runsBefore;
        PortfolioBreakerState killedAt;
        long storedAtKill;
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            runsBefore = store.runs().stream().map(RunRow::runId).sorted().toList();
            killedAt = new RiskStore(store).lastPortfolioState().orElseThrow();
            assertThat(store.runs()).allMatch(r -> r.status().equals(JdbiHistoryStore.RUNNING));
            assertThat(store.cycleCount(runsBefore.getFirst())).as("killed mid-run").isLessThan(5036);
            storedAtKill = runsBefore.stream().mapToLong(store::cycleCount).sum();
            // the watermark (UnstoredStates): the stored state sums only updates of stored cycles
            assertThat(killedAt.update()).as("stored state's update, against the cycles stored").isLessThanOrEqualTo(
                    storedAtKill);
        }

        ListAppender<ILoggingEvent> riskLog = new ListAppender<>();
        riskLog.start();
        Logger riskLogger = (Logger) LoggerFactory.getLogger(RiskEngine.class);
        riskLogger.addAppender(riskLog);
        try {
            Kernel resumed = Kernel.start(runFile, RunConfig.load(runFile).withSpeed(0.0), TestPaths.plugins(), db,
                    options());
            resumed.feedFinished().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            resumed.shutdown("feed finished");
        } finally {
            riskLogger.detachAppender(riskLog);
        }
        assertThat(riskLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith("portfolio breaker restored " + killedAt.state())
                        && line.contains("from update " + killedAt.update() + " of cycle " + killedAt.composeId()
                                + ", then "));

        Path reference = tmp.resolve("reference");
        Kernel straight = Kernel.start(runFile, RunConfig.load(runFile).withSpeed(0.0), TestPaths.plugins(), reference,
                options());
        straight.feedFinished().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        straight.shutdown("feed finished");

        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db);
                JdbiHistoryStore ref = JdbiHistoryStore.openFile(reference)) {
            assertThat(store.runs().stream().map(RunRow::runId).sorted().toList()).isEqualTo(runsBefore);
            for (RunRow run : store.runs()) {
                List<CycleRow> cycles = store.cycles(run.runId(), 100_000);
                assertThat(cycles).hasSize(5036);
                for (int i = 0; i < cycles.size(); i++) {
                    assertThat(cycles.get(i).sequence()).isEqualTo(i + 1);
                }
                assertThat(run.status()).isEqualTo("STOPPED: feed finished");
                RunRow twin = ref.runs().stream().filter(r -> r.strategyId().equals(run.strategyId())).findFirst()
                        .orElseThrow();
                assertThat(run.trades()).as(run.strategyId() + " trades").isEqualTo(twin.trades());
                assertThat(run.finalEquity()).as(run.strategyId() + " equity").isEqualByComparingTo(twin.finalEquity());
                List<Double> curve = equityCurve(store, run.runId());
                List<Double> twinCurve = equityCurve(ref, twin.runId());
                int firstDiff = 0;
                while (firstDiff < curve.size() && curve.get(firstDiff).equals(twinCurve.get(firstDiff))) {
                    firstDiff++;
                }
                int at = firstDiff;
                assertThat(firstDiff).as(() -> run.strategyId() + ": first cycle whose equity differs\n"
                        + around(store, run.runId(), at) + withoutSnapshot(store, run.runId()) + "reference:\n"
                        + around(ref, twin.runId(), at) + withoutSnapshot(ref, twin.runId())
                        + "journals:\n" + journalLines(db.resolveSibling("history.paper")))
                        .isEqualTo(curve.size());
                assertThat(lastSharpe(store, run.runId())).isEqualTo(lastSharpe(ref, twin.runId()));
            }
            List<String> twice = store.jdbi().withHandle(h -> h.createQuery("SELECT instruction_id FROM tx_results"
                    + " WHERE status IN ('FILLED', 'PARTIAL') GROUP BY instruction_id HAVING COUNT(*) > 1")
                    .mapTo(String.class).list());
            assertThat(twice).as("instruction ids filled twice").isEmpty();
            RunRow a = store.runs().stream().filter(r -> r.strategyId().equals("sma-a")).findFirst().orElseThrow();
            assertThat(a.trades()).isEqualTo(97);
            // the portfolio breaker went on from the state stored with the last committed cycle: same sleeves (the
            // runs continued), its update count on from there, its last state after the last cycle of the feed
            PortfolioBreakerState last = new RiskStore(store).lastPortfolioState().orElseThrow();
            assertThat(last.sleeves()).isEqualTo(killedAt.sleeves());
            // every cycle not stored at the kill ran after the restart, each one update on from the state restored;
            // stored cycles whose updates the watermark held back are not run again, so 2 * 5036 is not a bound
            assertThat(last.update()).as("last update; restored %d, cycles stored at the kill %d", killedAt.update(),
                    storedAtKill).isGreaterThanOrEqualTo(killedAt.update() + 1)
                    .isGreaterThanOrEqualTo(killedAt.update() + 2 * 5036 - storedAtKill);
            double finalEquity = store.runs().stream().mapToDouble(r -> r.finalEquity().doubleValue()).sum();
            assertThat(last.equity()).isCloseTo(finalEquity, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    private static KernelOptions options() {
        return new KernelOptions(Map.of(), Map.of("ops.http.port", "0"), false);
    }

    private static List<Double> equityCurve(JdbiHistoryStore store, String runId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT p.equity FROM portfolio_snapshots p JOIN cycles c"
                + " ON c.compose_id = p.compose_id WHERE c.run_id = ? ORDER BY c.seq")
                .bind(0, runId).mapTo(Double.class).list());
    }

    /** For a failure message: the cycles near a position of the equity curve, with their equity and fills. */
    private static String around(JdbiHistoryStore store, String runId, int index) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT c.seq, c.ts, c.status, p.equity,"
                + " (SELECT LISTAGG(t.instruction_id || ' ' || t.status || ' ' || t.fill_price || ' @' || t.ts, '; ')"
                + " FROM tx_results t WHERE t.compose_id = c.compose_id) FROM portfolio_snapshots p JOIN cycles c"
                + " ON c.compose_id = p.compose_id WHERE c.run_id = ? ORDER BY c.seq OFFSET ? ROWS FETCH NEXT 5 ROWS ONLY")
                .bind(0, runId).bind(1, Math.max(0, index - 2))
                .map((rs, ctx) -> "  cycle " + rs.getLong(1) + " ts " + rs.getLong(2) + " " + rs.getString(3)
                        + " equity " + rs.getDouble(4) + " fills [" + rs.getString(5) + "]\n")
                .list()).stream().reduce("", String::concat);
    }

    /** For a failure message: the run's cycles that have no portfolio snapshot (the curve skips them). */
    private static String withoutSnapshot(JdbiHistoryStore store, String runId) {
        List<String> cycles = store.jdbi().withHandle(h -> h.createQuery("SELECT c.seq || ' ' || c.status FROM cycles c"
                + " WHERE c.run_id = ? AND NOT EXISTS (SELECT 1 FROM portfolio_snapshots p"
                + " WHERE p.compose_id = c.compose_id) ORDER BY c.seq").bind(0, runId).mapTo(String.class).list());
        return "  cycles without a portfolio snapshot: " + cycles + "\n";
    }

    /** For a failure message: the first fills of each run's paper journal (the killed process wrote them). */
    private static String journalLines(Path journals) {
        try (Stream<Path> files = Files.list(journals)) {
            StringBuilder b = new StringBuilder();
            for (Path f : files.sorted().toList()) {
                b.append("  ").append(f.getFileName()).append(":\n");
                for (String line : Files.readAllLines(f).stream().limit(12).toList()) {   // the killed run's
                    b.append("    ").append(line).append('\n');
                }
            }
            return b.toString();
        } catch (IOException e) {
            return "  (unreadable: " + e + ")\n";
        }
    }

    private static double lastSharpe(JdbiHistoryStore store, String runId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT d.sharpe FROM digests d JOIN cycles c"
                + " ON c.compose_id = d.compose_id WHERE c.run_id = ? ORDER BY c.seq DESC")
                .bind(0, runId).mapTo(Double.class).first());
    }

    private static Process start(Path runFile, Path db, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.stratagem.runtime.cli.StratagemCommand", "run", "--config", runFile.toString(),
                "--plugins", TestPaths.plugins().toString(), "--db", db.toString(), "--set", "ops.http.port=0"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the paper venue has executed some fills (its journals hold that many lines in all). */
    private static void awaitFills(Path journals, int atLeast, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.isDirectory(journals)) {
                long lines = 0;
                try (Stream<Path> files = Files.list(journals)) {
                    for (Path f : files.toList()) {
                        lines += Files.readAllLines(f).size();
                    }
                }
                if (lines >= atLeast) {
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no " + atLeast + " fills before the deadline; alive: " + process.isAlive());
    }
}
