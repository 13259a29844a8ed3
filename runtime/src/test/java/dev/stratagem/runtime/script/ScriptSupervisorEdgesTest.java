package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edges of a supervised script call found in review: a failure message must not run the script's own code outside a
 * watched call (an endless {@code __repr__} held the cycle's thread for good), and an interrupt of the caller that
 * lands as its job ends must neither spin the idle worker nor reach the next job. Both failed before their fix.
 */
class ScriptSupervisorEdgesTest {

    @TempDir
    Path tmp;

    private ScriptComposer composer(String name, String source) {
        Path folder = ScriptFolders.write(tmp, name, ScriptLanguage.PYTHON, source);
        ScriptCatalog catalog = new ScriptCatalog(List.of(tmp),
                new ScriptSettings(Duration.ofMillis(50), 3, 5, Duration.ofMillis(200)), null);
        return (ScriptComposer) catalog.composer(folder.toString(), Map.of(), List.of("close")).component();
    }

    /**
     * compose() returns a Python object: the failure message stringifies it ("returned " + why) outside any guard,
     * which runs its __repr__ with no watchdog: an endless __repr__ holds the cycle's thread for ever, supervised or
     * not (no call is running, so there is nothing to abandon).
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_returned_object_whose_repr_never_ends_fails_its_cycle_instead_of_hanging() throws Exception {
        ScriptComposer c = composer("reprloop", """
                class Why:
                    def __repr__(self):
                        while True:
                            pass


                def compose(f, api):
                    return Why()
                """);
        ExecutorService driver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "review-driver");
            t.setDaemon(true);
            return t;
        });
        try (ScriptSupervisor strategy = new ScriptSupervisor("review-reprloop")) {
            Future<String> cycle = driver.submit(() -> strategy.call(() -> {
                try {
                    return c.compose(ScriptSandboxTest.context(1)).rationale();
                } catch (ScriptFailure e) {
                    return "failed: " + e.getMessage();
                }
            }, f -> "abandoned: " + f.getMessage()));
            String outcome;
            try {
                outcome = cycle.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                outcome = null;
            }
            assertThat(outcome).as("the cycle's outcome within 30 s (budget 50 ms, grace 200 ms)").isNotNull()
                    .startsWith("failed: ").contains("compose() must return the rationale (a string) or nothing, "
                            + "returned a ").contains("Why");
        } finally {
            c.close();   // cancels the endless __repr__
            driver.shutdownNow();
        }
    }

    /**
     * The caller is interrupted as its job ends: the caller forwards the interrupt to the worker after the job's
     * finally took the worker's interrupt status, so it lands on an idle worker. LockSupport.park returns at once
     * for an interrupted thread: the idle worker spins, and the next job starts interrupted (a gateway wait in it
     * fails with "interrupted while waiting for the gateway").
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void an_interrupt_of_the_caller_as_its_job_ends_neither_spins_the_idle_worker_nor_reaches_the_next_job()
            throws Exception {
        Thread caller = Thread.currentThread();
        try (ScriptSupervisor s = new ScriptSupervisor("review-interrupt")) {
            int startedInterrupted = 0;
            long idleCpu = 0;
            for (int i = 0; i < 200 && startedInterrupted == 0; i++) {
                s.call(() -> {
                    caller.interrupt();
                    return 0;
                }, f -> 0);
                Thread.interrupted();
                long before = s.cpuNanos();
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));   // a window to measure, not a wait for anything
                idleCpu = Math.max(idleCpu, s.cpuNanos() - before);
                if (s.call(() -> Thread.currentThread().isInterrupted(), f -> false)) {
                    startedInterrupted++;
                }
                Thread.interrupted();
            }
            assertThat(idleCpu).as("CPU the idle worker used in 20 ms (ns)")
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(5));
            assertThat(startedInterrupted).as("jobs that started with the worker interrupted").isZero();
        }
    }
}
