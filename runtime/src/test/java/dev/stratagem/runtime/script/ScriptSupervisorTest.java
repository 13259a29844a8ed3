package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.Await;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A script call that ignores its interrupt (a Python builtin runs on without reaching a point where the interrupt
 * lands) fails its cycle with a reason naming the script, file, function, how long it ran and that it was left
 * behind; the run goes on, the script serves the next cycles from a context rebuilt from the same source, and a
 * backtest never hangs, not even on a call that could never be stopped, nor does a paper strategy. Real GraalPy
 * contexts, real cycles, a real backtest and a real kernel; the watchdog and the supervisors are the production ones.
 */
class ScriptSupervisorTest {

    /** Ignores the interrupt for seconds: GraalPy sums the range in Java, without a safepoint the interrupt can use. */
    private static final String LONG_BUILTIN = "sum(range(10 ** 8))";
    /**
     * Cannot be stopped at all: the thread sits in BigInteger.pow, 56 s on its own here. Not 3 ** (10 ** 9): that one
     * was still running after 7 minutes and grows to hundreds of MB, which the other tests of this JVM (1 GB heap)
     * would pay for; this one is as unstoppable for the 5 s grace, and its thread ends within the test run.
     */
    private static final String UNSTOPPABLE = "3 ** (10 ** 8)";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void a_python_builtin_that_ignores_its_interrupt_fails_its_cycle_and_the_next_run_in_a_rebuilt_context() {
        List<CycleRecord> cycles = new ArrayList<>();
        long stall = ScriptStrategies.orclBars(120).get(60).ts();
        ListAppender<ILoggingEvent> lines = listen(ScriptInterrupter.class);
        try {
            Path strategy = strategy("overrun-py", composer(stall, LONG_BUILTIN));
            ScriptCatalog scripts = new ScriptCatalog(List.of(tmp),
                    new ScriptSettings(Duration.ofMillis(50), 3, 5, Duration.ofMillis(200)), null);

            ScriptStrategies.cycles(strategy, scripts, 120, cycles::add);

            assertThat(cycles).hasSize(120);
            CycleRecord stalled = cycles.get(60);
            assertThat(stalled.ts()).isEqualTo(stall);
            assertThat(stalled.status()).isEqualTo(CycleStatus.FAILED);
            assertThat(stalled.error().step()).isEqualTo(CycleStep.DECISION);
            assertThat(stalled.error().reason()).startsWith("ScriptFailure: script overrun-py (")
                    .contains("main.py) compose() ran past its 50 ms budget and did not stop within 200 ms of its"
                            + " interrupt")
                    .containsPattern("stopped after \\d+ ms and left running on its own thread")
                    .contains("the next call runs in a new context built from the same source, which starts without"
                            + " the state the script kept in memory");
            assertThat(cycles.get(59).decision().rationale()).startsWith("call 60:");
            // a new context: the script's count of calls starts again, and it trades as before
            assertThat(cycles.get(61).decision().rationale()).startsWith("call 1:");
            assertThat(cycles.get(119).decision().rationale()).startsWith("call 59:");
            assertThat(cycles.subList(61, 120)).allSatisfy(c -> assertThat(c.status()).as(c.composeId())
                    .isIn(CycleStatus.IDLE, CycleStatus.TRADED));
            assertThat(cycles.subList(61, 120)).filteredOn(c -> c.status() == CycleStatus.TRADED)
                    .hasSizeGreaterThan(20);
            assertThat(cycles).filteredOn(c -> c.status() == CycleStatus.FAILED).containsExactly(stalled);

            // once the builtin returns, its thread stops at the next line of guest code and never goes back to the
            // cycle it was taken off
            String retired = "the abandoned call of overrun-py (";
            Await.until(() -> !ScriptSandboxTest.logged(lines, retired).isEmpty(), Duration.ofMinutes(2),
                    "the abandoned call's end");
            assertThat(ScriptSandboxTest.logged(lines, retired).getFirst()).contains("compose() returned after")
                    .contains("its context is closed; its thread script-supervised-test-overrun-py stays parked");
        } finally {
            ((Logger) LoggerFactory.getLogger(ScriptInterrupter.class)).detachAppender(lines);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_backtest_whose_script_call_cannot_be_stopped_finishes_with_that_one_cycle_failed() {
        long stall = ScriptStrategies.orclBars(200).get(120).ts();
        Path strategy = strategy("unstoppable-py", composer(stall, UNSTOPPABLE));

        BacktestResult result = BacktestRunner.run(new BacktestRequest(strategy, List.of(ScriptStrategies.orcl()),
                null, null, LocalDate.of(1995, 12, 31), null, null, RecordLevel.SUMMARY, false, TestPaths.plugins(),
                null));

        assertThat(result.cycles()).isEqualTo(result.bars()).isGreaterThan(200);
        assertThat(result.failedCycles()).isEqualTo(1);
        assertThat(result.trades()).extracting(TradeHistoryEntry::entryTs).anySatisfy(ts -> assertThat(ts)
                .isGreaterThan(stall));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void a_paper_strategy_whose_script_call_cannot_be_stopped_records_that_cycle_failed_and_trades_on() {
        long stall = ScriptStrategies.orclBars(40).get(30).ts();
        Path folder = ScriptFolders.write(tmp, "paper-stall", ScriptLanguage.PYTHON, composer(stall, UNSTOPPABLE));
        Path runFile = ScriptReloads.paperRun(tmp, "paper-stall", folder, "", 21_600_000);
        Path db = tmp.resolve("history");
        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), db);
        try {
            ScriptReloads.await(() -> kernel.recorded() >= 60, "cycles past the stalled one");
        } finally {
            kernel.shutdown("test done");
        }

        record Ran(long ts, String status, String step, String reason, String rationale) {}
        List<Ran> ran;
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            ran = store.jdbi().withHandle(h -> h.createQuery("SELECT ts, status, error_step, error_reason, rationale"
                            + " FROM cycles WHERE strategy_id = 'paper-stall' ORDER BY seq")
                    .map((rs, ctx) -> new Ran(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5))).list());
        }
        int at = ran.stream().map(Ran::ts).toList().indexOf(stall);
        assertThat(at).isPositive();
        assertThat(ran.get(at).status()).isEqualTo("FAILED");
        assertThat(ran.get(at).step()).isEqualTo("DECISION");
        assertThat(ran.get(at).reason()).contains("script paper-stall (")
                .contains("compose() ran past its 50 ms budget and did not stop within 5000 ms of its interrupt");
        assertThat(ran.get(at + 1).rationale()).startsWith("call 1:");
        assertThat(ran.subList(at + 1, ran.size())).hasSizeGreaterThan(20)
                .allSatisfy(r -> assertThat(r.status()).isIn("IDLE", "TRADED"));
    }

    /**
     * A Python composer that counts its calls, alternates a buy of 10 and a close, and runs {@code stall} on the bar
     * at {@code ts}.
     */
    private static String composer(long ts, String stall) {
        return """
                calls = 0


                def compose(f, api):
                    global calls
                    calls += 1
                    if api.ts == %d:
                        %s
                    if api.position == 0:
                        api.buy(10)
                        return "call %%d: buy" %% calls
                    api.close()
                    return "call %%d: close" %% calls
                """.formatted(ts, stall);
    }

    /** A strategy on ORCL whose composer is a Python script of that source, in a folder {@code name}. */
    private Path strategy(String name, String source) {
        Path folder = ScriptFolders.write(tmp, name, ScriptLanguage.PYTHON, source);
        return ScriptStrategies.strategy(tmp, name, folder, "close");
    }

    private static ListAppender<ILoggingEvent> listen(Class<?> type) {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(lines);
        return lines;
    }
}
