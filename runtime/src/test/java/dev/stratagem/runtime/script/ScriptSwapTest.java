package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.runtime.history.ReloadEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A swap whose script call cannot be stopped (abandoned on the strategy's supervised thread, see
 * {@link ScriptSupervisor}) fails its cycle with the reason and is settled at the next cycle, for every component
 * and every call a swap makes: an old version's {@code save()} stuck hands over no state and the new version serves;
 * a new version's {@code init} or catch-up stuck refuses it with that reason naming the file, and the old version
 * serves on. Its waiter is always answered and a features version's bars are let go. Before the fix the taken offer
 * was lost with the abandoned thread: the waiter waited for ever, the new version was never closed, and a features
 * script kept every bar from then on.
 */
class ScriptSwapTest {

    private static final ScriptSettings SETTINGS = new ScriptSettings(Duration.ofMillis(50), 3, 5,
            Duration.ofMillis(200));

    @TempDir
    Path tmp;

    /**
     * The reviewer's case (a89042d), with a real GraalPy builtin: the old version's save() at the swap ignores its
     * interrupt, so the swap cycle is abandoned after the offer was taken. The next cycle serves the new version and
     * the reload's late outcome says it swapped in.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_swap_abandoned_in_the_old_versions_save_still_settles_its_reload() throws Exception {
        Path folder = ScriptFolders.write(tmp, "savestall", ScriptLanguage.PYTHON, """
                def compose(f, api):
                    return 'v1'


                def save():
                    n = 10 ** 7
                    (7 ** n).bit_length()
                    return None
                """);
        ScriptCatalog catalog = new ScriptCatalog(List.of(tmp), SETTINGS, null);
        ScriptComposer c = (ScriptComposer) catalog.composer(folder.toString(), Map.of(), List.of("close")).component();
        BlockingQueue<ReloadOutcome> settled = new LinkedBlockingQueue<>();
        try (ScriptSupervisor strategy = new ScriptSupervisor("swap-savestall");
                ScriptReloader reloader = new ScriptReloader(c, Duration.ZERO, settled::add, List.of())) {
            for (long seq = 1; seq <= 5; seq++) {
                assertThat(compose(strategy, c, seq)).isEqualTo("v1");
            }
            Files.writeString(folder.resolve("main.py"), "def compose(f, api):\n    return 'v2'\n");
            ReloadOutcome offered = reloader.reload().get(60, TimeUnit.SECONDS);
            assertThat(offered.pending()).as(offered.reason()).isTrue();

            assertThat(compose(strategy, c, 6)).as("the swap cycle, abandoned in save()")
                    .startsWith("abandoned: script savestall (").contains("main.py) save() ran past its 50 ms budget");
            assertThat(compose(strategy, c, 7)).isEqualTo("v2");

            ReloadOutcome late = settled.poll(30, TimeUnit.SECONDS);
            assertThat(late).as("the outcome of the swap").isNotNull();
            assertThat(late.outcome()).as(late.reason()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(late.newSha256()).isEqualTo(offered.newSha256()).isEqualTo(c.version().sha256());
        } finally {
            c.close();
        }
    }

    private static String compose(ScriptSupervisor strategy, ScriptComposer c, long seq) {
        return strategy.call(() -> c.compose(ScriptSandboxTest.context(seq)).rationale(),
                abandoned -> "abandoned: " + abandoned.getMessage());
    }

    /** Where a swap's call gets stuck, and what the strategy does after. */
    enum Stuck {
        /** The old composer's save(): the new one starts without state. */
        COMPOSER_SAVE(ScriptRole.COMPOSER, CycleStep.DECISION, "save", true, """
                let a;
                function init(api) { a = api; }
                function compose(f, api) { api.buy(1); return 'v1'; }
                function save() { a.log('stall'); return 'v1 state'; }
                """, """
                let handed;
                function init(api) { handed = api.state; }
                function compose(f, api) { api.buy(1); return 'v2, handed ' + handed; }
                """, after -> assertThat(after.decision().rationale()).isEqualTo("v2, handed null")),
        /** The new composer's init, given the old one's state: refused, the old one composes on in its context. */
        COMPOSER_INIT(ScriptRole.COMPOSER, CycleStep.DECISION, "init", false, """
                let calls = 0;
                function compose(f, api) { calls++; api.buy(1); return 'v1 call ' + calls; }
                function save() { return 'v1 state'; }
                """, """
                function init(api) { if (api.state != null) api.log('stall'); }
                function compose(f, api) { api.buy(1); return 'v2'; }
                """, after -> assertThat(after.decision().rationale()).as("cycles 1-7, then this one")
                        .isEqualTo("v1 call 8")),
        /** The old risk script's save(). */
        RISK_SAVE(ScriptRole.RISK, CycleStep.GUARDRAILS, "save", true, """
                let a;
                function init(api) { a = api; }
                function check(api) {}
                function save() { a.log('stall'); return 'v1 state'; }
                """, """
                function check(api) { api.reject('v2 rejects'); }
                """, after -> assertThat(after.status()).isEqualTo(CycleStatus.REJECTED)),
        /** The new risk script's init. */
        RISK_INIT(ScriptRole.RISK, CycleStep.GUARDRAILS, "init", false, """
                function check(api) {}
                function save() { return 'v1 state'; }
                """, """
                function init(api) { if (api.state != null) api.log('stall'); }
                function check(api) { api.reject('v2 rejects'); }
                """, after -> assertThat(after.status()).isEqualTo(CycleStatus.TRADED)),
        /** The new features version, fed the bars that closed since its validation (day 6 first). */
        FEATURES_CATCH_UP(ScriptRole.FEATURES, CycleStep.FEATURES, "features", false, ScriptedStrategy.FEATURES, """
                function features(bar, out, api) {
                  if (api.ts === %d) api.log('stall');
                  out[0] = bar[3] + 1000;
                }
                """.formatted(6 * ScriptedStrategy.DAY),
                after -> assertThat(after.context().features().getFirst().get("close")).isEqualTo(10 + 9));

        final ScriptRole role;
        final CycleStep step;
        final String call;
        final boolean swaps;
        final String v1;
        final String v2;
        final Consumer<CycleRecord> after;

        Stuck(ScriptRole role, CycleStep step, String call, boolean swaps, String v1, String v2,
                Consumer<CycleRecord> after) {
            this.role = role;
            this.step = step;
            this.call = call;
            this.swaps = swaps;
            this.v1 = v1;
            this.v2 = v2;
            this.after = after;
        }
    }

    @ParameterizedTest
    @EnumSource(Stuck.class)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_swap_whose_call_cannot_be_stopped_fails_its_cycle_and_is_settled_at_the_next(Stuck stuck)
            throws Exception {
        String name = "swap-" + stuck.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, name, SETTINGS, Map.of(stuck.role, stuck.v1));
                ScriptStall stall = new ScriptStall(name + "-" + stuck.role.recorded())) {
            ReloadableScript script = s.script(stuck.role);
            String id = s.id(stuck.role);
            for (int day = 1; day <= 5; day++) {
                assertThat(s.cycle(day).status()).isEqualTo(CycleStatus.TRADED);
            }
            String v1 = script.version().sha256();
            s.write(stuck.role, stuck.v2);
            ScriptProgram next = script.build(null);
            script.validate(next);
            s.cycle(6);
            s.cycle(7);   // a features version catches up on days 6 and 7 at its swap
            CompletableFuture<Void> done = script.offer(next);

            CycleRecord swap = s.cycle(8);
            assertThat(swap.status()).isEqualTo(CycleStatus.FAILED);
            assertThat(swap.error().step()).isEqualTo(stuck.step);
            assertThat(swap.error().reason()).contains("script " + id + " (")
                    .contains("main.js) " + stuck.call + "() ran past its").contains("left running on its own thread");
            assertThat(stall.held()).isEqualTo(1);

            CycleRecord after = s.cycle(9);
            assertThat(after.status()).as(String.valueOf(after.error())).isNotEqualTo(CycleStatus.FAILED);
            stuck.after.accept(after);
            Throwable refused = settled(done);
            if (stuck.swaps) {
                assertThat(refused).as("the new version serves").isNull();
                assertThat(script.version().sha256()).isEqualTo(next.sha256);
            } else {
                assertThat(refused).isInstanceOf(ScriptFailure.class);
                assertThat(refused.getMessage()).startsWith("script " + id + " (")
                        .contains("main.js) " + stuck.call + "() ran past its")
                        .endsWith("left running on its own thread; the new version " + next.sha256
                                + " is dropped and " + v1 + " keeps serving");
                assertThat(script.version().sha256()).isEqualTo(v1);
            }
            assertThat(after.versions()).contains(script.version());

            if (stuck.role == ScriptRole.FEATURES) {
                for (int day = 10; day <= 20; day++) {
                    s.cycle(day);
                }
                ScriptProgram probe = script.build(null);
                assertThat(script.validate(probe)).as("the bars kept: no more than warm-up 1 + replay 5")
                        .isEqualTo(6);
                script.dropped(probe);
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_strategy_stopped_after_a_swap_was_cut_short_answers_its_waiter() throws Exception {
        Stuck stuck = Stuck.FEATURES_CATCH_UP;
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, "swap-stop", SETTINGS, Map.of());
                ScriptStall stall = new ScriptStall("swap-stop-features")) {
            ReloadableScript script = s.script(stuck.role);
            for (int day = 1; day <= 5; day++) {
                s.cycle(day);
            }
            s.write(stuck.role, stuck.v2);
            ScriptProgram next = script.build(null);
            script.validate(next);
            s.cycle(6);
            CompletableFuture<Void> done = script.offer(next);
            assertThat(s.cycle(7).status()).isEqualTo(CycleStatus.FAILED);
            assertThat(stall.held()).isEqualTo(1);

            ((ScriptFeatures) script).close();
            assertThat(settled(done)).isInstanceOf(ScriptFailure.class)
                    .hasMessage("script swap-stop-features closed");
        }
    }

    /** @return why the swap was refused, {@code null} if it served; fails the test if it does not settle */
    private static Throwable settled(CompletableFuture<Void> done) throws Exception {
        try {
            done.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
