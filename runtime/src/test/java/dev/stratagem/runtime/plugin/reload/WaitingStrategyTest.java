package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.kernel.Addresses;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.kernel.StrategyRunState;
import dev.stratagem.runtime.testing.Await;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3, a new jar: strategy {@code w} names the template composer, which no jar in plugins/ provides, so
 * it waits while {@code t} runs; once the template jar is dropped in, {@code w} starts at the next bar with
 * a run of its own, cycles numbered from 1, on the template version it was loaded with.
 */
class WaitingStrategyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void a_strategy_waits_for_its_plugin_and_starts_when_the_jar_is_dropped_in() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        for (String builtIn : new String[] {"indicators", "rules", "paper"}) {
            Files.copy(TestPaths.plugins().resolve("plugin-" + builtIn + ".jar"), plugins.resolve(builtIn + ".jar"));
        }
        Path run = ReloadFixture.runFile(tmp, 86_400_000.0 / 4, "w", "close, sma_20", "template", true);
        Path db = tmp.resolve("history");
        AtomicLong wCycles = new AtomicLong();
        AtomicLong tCycles = new AtomicLong();
        try (Kernel kernel = Kernel.start(run, RunConfig.load(run), plugins, db,
                ReloadSettings.defaults(plugins).withVersions(tmp.resolve("versions")))) {
            kernel.vertx().eventBus().<CycleRecord>consumer(Addresses.cycleResult("w"), m -> wCycles.incrementAndGet());
            kernel.vertx().eventBus().<CycleRecord>consumer(Addresses.cycleResult("t"), m -> tCycles.incrementAndGet());
            assertThat(state(kernel, "w").state())
                    .isEqualTo("WAITING: waiting for composer 'template': no plugin provides it yet");
            assertThat(state(kernel, "w").runId()).isNull();
            await(() -> tCycles.get() >= 100, "t records cycles while w waits");
            assertThat(wCycles.get()).isZero();

            ReloadFixture.drop(ReloadFixture.jar("template"), plugins, "template.jar");
            await(() -> state(kernel, "w").state().equals("RUNNING"), "w running");
            assertThat(state(kernel, "w").runId()).isNotNull();
            long tAtStart = tCycles.get();
            await(() -> wCycles.get() >= 50, "w cycles on the template");
            assertThat(tCycles.get()).isGreaterThan(tAtStart);
        }

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(ReloadFixture.jar("template"))));
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            List<CycleRow> w = store.cycles(runOf(store, "w"), 100_000);
            List<CycleRow> t = store.cycles(runOf(store, "t"), 100_000);
            assertThat(w).hasSizeGreaterThanOrEqualTo(50);
            for (int i = 0; i < w.size(); i++) {
                assertThat(w.get(i).sequence()).isEqualTo(i + 1);
                ComponentVersion composer = store.cycle(w.get(i).composeId()).orElseThrow().versions().stream()
                        .filter(v -> v.role().equals("composer")).findFirst().orElseThrow();
                assertThat(composer.source()).isEqualTo("template");
                assertThat(composer.sha256()).hasSize(12); // recorded short, as for every plugin version
                assertThat(sha).startsWith(composer.sha256());
            }
            for (int i = 0; i < t.size(); i++) {
                assertThat(t.get(i).sequence()).isEqualTo(i + 1);
            }
            // w saw the bars from when it started, not the replay's beginning
            assertThat(w.getFirst().ts()).isGreaterThan(t.get(99).ts());
        }
    }

    private static String runOf(JdbiHistoryStore store, String strategyId) {
        return store.runs().stream().filter(r -> r.strategyId().equals(strategyId)).findFirst().orElseThrow().runId();
    }

    private static StrategyRunState state(Kernel kernel, String strategyId) {
        return kernel.states().stream().filter(s -> s.strategyId().equals(strategyId)).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(condition, WAIT, what);
    }
}
