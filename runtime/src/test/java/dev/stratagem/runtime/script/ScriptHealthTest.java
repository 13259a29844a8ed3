package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.runtime.history.ReloadEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A features or risk script pauses after {@link ScriptSettings#maxConsecutiveFailures()} failed calls in a row, as a
 * composer does: its calls then fail fast with the reason and run no script, so one that gets stuck on every bar
 * leaves no more threads behind; a reload of a fixed version resumes it. Before, both revived the script after every
 * abandoned call, for ever: one more stuck thread a bar.
 */
class ScriptHealthTest {

    /** Two failures in a row pause: the first stuck call is warm (a 50 ms budget), the second cold (10 s). */
    private static final ScriptSettings SETTINGS = new ScriptSettings(Duration.ofMillis(50), 2, 5,
            Duration.ofMillis(200));

    /** A features script stuck on day 4, whose init gets stuck once the stall is on: every rebuild of it does. */
    private static final String INIT_STUCK_ONCE_STALLED = "function init(api) {\n  api.log('stall');\n}\n"
            + "function features(bar, out, api) {\n  if (bar[3] == 14) api.log('stall');\n  out[0] = bar[3];\n}\n";

    @TempDir
    Path tmp;

    /** Scripts that fail from day 4 on ({@code api.price} is the bar's close, 10 + day). */
    enum Failing {
        FEATURES_STUCK(ScriptRole.FEATURES, true,
                "function features(bar, out, api) {\n  if (bar[3] >= 14) api.log('stall');\n  out[0] = bar[3];\n}\n"),
        RISK_STUCK(ScriptRole.RISK, true, "function check(api) {\n  if (api.price >= 14) api.log('stall');\n}\n"),
        FEATURES_THROWING(ScriptRole.FEATURES, false,
                "function features(bar, out, api) {\n  if (bar[3] >= 14) throw new Error('no feed');\n"
                        + "  out[0] = bar[3];\n}\n"),
        RISK_THROWING(ScriptRole.RISK, false,
                "function check(api) {\n  if (api.price >= 14) throw new Error('no limits');\n}\n");

        final ScriptRole role;
        final boolean stuck;
        final String source;

        Failing(ScriptRole role, boolean stuck, String source) {
            this.role = role;
            this.stuck = stuck;
            this.source = source;
        }

        /** @return the script that works */
        String fixed() {
            return role == ScriptRole.FEATURES ? ScriptedStrategy.FEATURES : ScriptedStrategy.RISK;
        }
    }

    @ParameterizedTest
    @EnumSource(Failing.class)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_script_failing_on_every_bar_pauses_after_the_failures_in_a_row_and_a_reload_resumes_it(Failing failing)
            throws Exception {
        String name = "health-" + failing.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String id = name + "-" + failing.role.recorded();
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, name, SETTINGS, Map.of(failing.role, failing.source));
                ScriptStall stall = new ScriptStall(id)) {
            ReloadableScript script = s.script(failing.role);
            for (int day = 1; day <= 3; day++) {
                assertThat(s.cycle(day).status()).isEqualTo(CycleStatus.TRADED);
            }
            String failure = failing.stuck ? "left running on its own thread" : failing.role == ScriptRole.FEATURES
                    ? "no feed" : "no limits";
            // day 4 fails; day 5 too (stuck: a new context, built again from the source, whose cold call is stuck)
            assertThat(reason(s.cycle(4), failing)).contains(failure);
            assertThat(reason(s.cycle(5), failing)).contains(failure);
            assertThat(script.status().paused()).as("an abandoned call counts at the next call: its cycle never came"
                    + " back").isEqualTo(!failing.stuck);

            String paused = "script " + id + " is paused after 2 consecutive failures (last: ";
            assertThat(reason(s.cycle(6), failing)).contains(paused).contains(failure)
                    .contains("save a fixed version to resume");
            assertThat(script.status().paused()).isTrue();
            assertThat(script.status().consecutiveFailures()).isEqualTo(2);
            assertThat(script.status().lastError()).contains(failure);
            int threads = supervised(name);
            for (int day = 7; day <= 16; day++) {
                assertThat(reason(s.cycle(day), failing)).as("day " + day).contains(paused);
            }
            assertThat(stall.held()).as("calls stuck").isEqualTo(failing.stuck ? 2 : 0);
            assertThat(supervised(name)).as("live threads of the strategy's supervisor, abandoned ones included")
                    .isEqualTo(threads).isLessThanOrEqualTo(failing.stuck ? 3 : 1);

            saveAndSwap(s, script, failing.role, failing.fixed(), 17);
            assertThat(script.status().paused()).isFalse();
            assertThat(script.status().consecutiveFailures()).isZero();
            assertThat(script.status().reloads()).isEqualTo(1);
            assertThat(s.cycle(18).status()).isEqualTo(CycleStatus.TRADED);
        }
    }

    /**
     * A script stuck on some bars only, succeeding in between, never fails twice in a row; but each stuck call leaves
     * a thread behind for good, so it is paused after as many of those as well (since its last swap), and a reload
     * resumes it. Before, it was rebuilt after every stuck call, for ever.
     */
    @org.junit.jupiter.api.Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_script_stuck_on_some_bars_only_pauses_after_as_many_calls_left_running() throws Exception {
        String name = "health-intermittent";
        String id = name + "-" + ScriptRole.FEATURES.recorded();
        String stuckOnDays4And6 = "function features(bar, out, api) {\n"
                + "  if (bar[3] == 14 || bar[3] == 16) api.log('stall');\n  out[0] = bar[3];\n}\n";
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, name, SETTINGS,
                        Map.of(ScriptRole.FEATURES, stuckOnDays4And6));
                ScriptStall stall = new ScriptStall(id)) {
            ReloadableScript script = s.script(ScriptRole.FEATURES);
            for (int day = 1; day <= 3; day++) {
                assertThat(s.cycle(day).status()).isEqualTo(CycleStatus.TRADED);
            }
            assertThat(s.cycle(4).error().reason()).contains("left running on its own thread");
            assertThat(s.cycle(5).status()).as("rebuilt, and not stuck on day 5").isEqualTo(CycleStatus.TRADED);
            assertThat(s.cycle(6).error().reason()).contains("left running on its own thread");
            assertThat(s.cycle(7).error().reason()).contains("script " + id + " is paused after 2 calls that could"
                    + " not be stopped and were left running (last: ").contains("save a fixed version to resume");
            for (int day = 8; day <= 10; day++) {
                assertThat(s.cycle(day).error().reason()).as("day " + day).contains("is paused");
            }
            assertThat(script.status().paused()).isTrue();
            assertThat(script.status().consecutiveFailures()).as("day 5 ended the run of failures").isEqualTo(1);
            assertThat(script.status().callsLeftRunning()).isEqualTo(2);
            assertThat(script.health().pausedAfter()).as("what /api/strategies says paused it")
                    .isEqualTo("2 calls that could not be stopped and were left running");
            assertThat(stall.held()).as("calls stuck").isEqualTo(2);

            saveAndSwap(s, script, ScriptRole.FEATURES, ScriptedStrategy.FEATURES, 11);
            assertThat(script.status().paused()).isFalse();
        }
    }

    /**
     * A risk script's failed checks of one cycle count as one failure, however many orders the cycle has: a cycle of
     * three orders no longer pauses a check whose limit is two (after which every order, closing ones too, would be
     * rejected until a save).
     */
    @org.junit.jupiter.api.Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_risk_scripts_failed_checks_of_one_cycle_count_once() {
        String threeOrders = "function compose(f, api) {\n  api.buy(1);\n  api.buy(1);\n  api.buy(1);\n"
                + "  return 'v1';\n}\n";
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, "health-orders", SETTINGS, Map.of(ScriptRole.COMPOSER,
                threeOrders, ScriptRole.RISK, Failing.RISK_THROWING.source))) {
            ReloadableScript risk = s.script(ScriptRole.RISK);
            for (int day = 1; day <= 3; day++) {
                assertThat(s.cycle(day).status()).isEqualTo(CycleStatus.TRADED);
            }
            CycleRecord day4 = s.cycle(4);
            assertThat(day4.status()).isEqualTo(CycleStatus.REJECTED);
            assertThat(day4.verdicts().stream().filter(v -> v.reason() != null && v.reason().contains("no limits")))
                    .as("each of the three orders rejected by the failing check").hasSize(3);
            assertThat(risk.status().consecutiveFailures()).isEqualTo(1);
            assertThat(risk.status().paused()).isFalse();
            assertThat(reason(s.cycle(5), Failing.RISK_THROWING)).contains("no limits");
            assertThat(risk.status().paused()).as("two cycles failed").isTrue();
            assertThat(reason(s.cycle(6), Failing.RISK_THROWING)).contains("is paused after 2 consecutive failures");
        }
    }

    /**
     * A rebuild whose {@code init} cannot be stopped (it never comes back: its cycle is abandoned with it) counts at the
     * next call as a call left running, and the dead version it replaces is counted once, however many calls meet it.
     * Here {@code init} gets stuck once the stall is on, so every rebuild of the dead version does. Before, the stuck
     * rebuild counted nothing: the script was rebuilt at every cycle for ever, each holding its cycle 5 s and leaving a
     * thread behind. Counting the dead version again would pause it a cycle early (one init fewer stuck).
     */
    @org.junit.jupiter.api.Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_rebuild_left_running_counts_and_a_dead_version_counts_once() {
        String name = "health-rebuild-stuck";
        ScriptSettings threeInARow = new ScriptSettings(Duration.ofMillis(50), 3, 5, Duration.ofMillis(200));
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, name, threeInARow,
                        Map.of(ScriptRole.FEATURES, INIT_STUCK_ONCE_STALLED));
                ScriptStall stall = new ScriptStall(name + "-" + ScriptRole.FEATURES.recorded())) {
            ReloadableScript script = s.script(ScriptRole.FEATURES);
            for (int day = 1; day <= 3; day++) {
                assertThat(s.cycle(day).status()).isEqualTo(CycleStatus.TRADED);
            }
            assertThat(s.cycle(4).error().reason()).contains("features() ran past").contains("left running");
            assertThat(s.cycle(5).error().reason()).as("the rebuild").contains("init() ran past")
                    .contains("left running");
            assertThat(script.status().consecutiveFailures()).as("day 4's call").isEqualTo(1);
            assertThat(s.cycle(6).error().reason()).as("the rebuild tried again").contains("init() ran past");
            assertThat(script.status().consecutiveFailures()).as("day 5's rebuild; day 4's call not counted again")
                    .isEqualTo(2);
            assertThat(script.status().lastError()).isEqualTo("script " + name + "-features could not be rebuilt"
                    + " after a call of it was abandoned: the rebuild was left running too (loading the source or init()"
                    + " could not be stopped)");

            assertThat(s.cycle(7).error().reason()).contains("is paused after 3 ");
            assertThat(script.status().paused()).isTrue();
            assertThat(script.status().callsLeftRunning()).isEqualTo(3);
            assertThat(stall.held()).as("day 4's call and the init of the rebuilds of days 5 and 6").isEqualTo(3);
            assertThat(s.cycle(8).error().reason()).contains("is paused after 3 ");
            assertThat(stall.held()).isEqualTo(3);
        }
    }

    /**
     * A version saved right after a rebuild got stuck starts clean: the stuck rebuild is the dead version's, and counts
     * only while that version serves (it was counted against the version swapped in, a failure and a call left running
     * it never had).
     */
    @org.junit.jupiter.api.Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_version_saved_after_a_stuck_rebuild_starts_with_no_failures() throws Exception {
        String name = "health-rebuild-saved";
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, name, SETTINGS,
                        Map.of(ScriptRole.FEATURES, INIT_STUCK_ONCE_STALLED));
                ScriptStall stall = new ScriptStall(name + "-" + ScriptRole.FEATURES.recorded())) {
            ReloadableScript script = s.script(ScriptRole.FEATURES);
            for (int day = 1; day <= 3; day++) {
                assertThat(s.cycle(day).status()).isEqualTo(CycleStatus.TRADED);
            }
            assertThat(s.cycle(4).error().reason()).contains("features() ran past");
            assertThat(s.cycle(5).error().reason()).contains("init() ran past");
            saveAndSwap(s, script, ScriptRole.FEATURES, ScriptedStrategy.FEATURES, 6);
            assertThat(script.status().consecutiveFailures()).isZero();
            assertThat(script.status().callsLeftRunning()).isZero();
            assertThat(script.status().lastError()).isEmpty();
            assertThat(stall.held()).isEqualTo(2);
        }
    }

    /** Saves {@code source} as the role's script, reloads it, and checks it swaps in at the cycle of {@code day}. */
    private static void saveAndSwap(ScriptedStrategy s, ReloadableScript script, ScriptRole role, String source,
            int day) throws Exception {
        BlockingQueue<ReloadOutcome> settled = new LinkedBlockingQueue<>();
        try (ScriptReloader reloader = new ScriptReloader(script, Duration.ZERO, settled::add, List.of())) {
            s.write(role, source);
            ReloadOutcome offered = reloader.reload().get(60, TimeUnit.SECONDS);
            assertThat(offered.pending()).as(offered.reason()).isTrue();
            assertThat(s.cycle(day).status()).isEqualTo(CycleStatus.TRADED);
            assertThat(settled.poll(30, TimeUnit.SECONDS)).extracting(ReloadOutcome::outcome)
                    .isEqualTo(ReloadEvent.SWAPPED);
        }
    }

    /**
     * @return why the cycle failed (features), or why the script check rejected its order (risk: a failing check
     *     rejects the order, and only an abandoned call fails the cycle)
     */
    private static String reason(CycleRecord cycle, Failing failing) {
        if (cycle.status() == CycleStatus.FAILED) {
            return cycle.error().reason();
        }
        assertThat(failing.role).as("a %s cycle of the features script", cycle.status()).isEqualTo(ScriptRole.RISK);
        assertThat(cycle.status()).isEqualTo(CycleStatus.REJECTED);
        return cycle.verdicts().stream().map(GuardrailVerdict::reason).filter(r -> r != null && r.contains("failed:"))
                .findFirst().orElseThrow();
    }

    /** @return the live threads the strategy's supervisor started (it names them after the strategy) */
    private static int supervised(String strategy) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("script-supervised-" + strategy)).count();
    }
}
