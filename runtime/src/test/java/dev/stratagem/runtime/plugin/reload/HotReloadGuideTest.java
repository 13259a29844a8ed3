package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Addresses;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.kernel.StrategyRunState;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sdk-docs/hot-reload.md, step by step, with the reactor-built template jar: strategy {@code tpl} runs the
 * template composer beside the SMA strategy {@code t}; a rebuilt template (version bumped) is dropped in as
 * the guide says (temp file in the folder, atomic rename), swaps in, shows up in list and history and in the
 * recorded cycles, is rolled back and reloaded; and removing the jar pauses {@code tpl} until it is back.
 */
class HotReloadGuideTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SNAPSHOT = "0.1.0-SNAPSHOT";

    @TempDir
    Path tmp;

    private Path plugins;
    private Path db;
    private Kernel kernel;
    private final ReloadFixture.Events events = new ReloadFixture.Events();
    private final AtomicLong tplCycles = new AtomicLong();
    private final AtomicLong tCycles = new AtomicLong();

    @BeforeEach
    void start_tpl_on_the_template_beside_t() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        for (String builtIn : new String[] {"indicators", "rules", "paper"}) {
            Files.copy(TestPaths.plugins().resolve("plugin-" + builtIn + ".jar"), plugins.resolve(builtIn + ".jar"));
        }
        dropAsTheGuideSays(ReloadFixture.jar("template"));
        Path run = runFile();
        db = tmp.resolve("history");
        kernel = Kernel.start(run, RunConfig.load(run), plugins, db,
                ReloadSettings.defaults(plugins).withVersions(tmp.resolve("versions")));
        kernel.hotReload().onEvent(events.queue::add);
        kernel.vertx().eventBus().<CycleRecord>consumer(Addresses.cycleResult("tpl"), m -> tplCycles.incrementAndGet());
        kernel.vertx().eventBus().<CycleRecord>consumer(Addresses.cycleResult("t"), m -> tCycles.incrementAndGet());
        await(tplCycles::get, 60, "tpl cycles");
    }

    @AfterEach
    void stop() {
        kernel.shutdown("test over");
    }

    @Test
    void a_rebuilt_template_swaps_in_shows_in_list_history_and_cycles_and_rolls_back() throws Exception {
        // 1. Build: a new build of the template, its version bumped
        Path build = ReloadFixture.rewritten(ReloadFixture.jar("template"),
                Files.createDirectories(tmp.resolve("build")).resolve("plugin-template-0.2.0.jar"), n -> false,
                a -> a.putValue("Plugin-Version", "0.2.0"));
        // 2. Drop in
        dropAsTheGuideSays(build);
        // 3. Watch it reload
        ReloadEvent swapped = events.next(WAIT);
        assertThat(swapped.outcome()).as(swapped.reason()).isEqualTo(ReloadEvent.SWAPPED);
        assertThat(swapped.trigger()).isEqualTo("WATCH");
        assertThat(swapped.oldVersion()).isEqualTo(SNAPSHOT);
        assertThat(swapped.newVersion()).isEqualTo("0.2.0");
        assertThat(swapped.strategies()).containsExactly("tpl");
        assertThat(template()).satisfies(p -> {
            assertThat(p.version()).isEqualTo("0.2.0");
            assertThat(p.sha256()).isEqualTo(swapped.newSha256());
            assertThat(p.strategies()).containsExactly("tpl: RUNNING");
            assertThat(p.stored()).hasSize(2);
        });
        assertThat(kernel.plugins().history("template").getFirst()).isEqualTo(swapped);
        long after = tplCycles.get();
        await(tplCycles::get, after + 20, "tpl cycles on 0.2.0");

        // 5. Roll back to the version live before, then reload the jar in plugins/ again
        ReloadEvent back = kernel.plugins().rollback("template", null);
        assertThat(back.outcome()).as(back.reason()).isEqualTo(ReloadEvent.SWAPPED);
        assertThat(back.trigger()).isEqualTo("ROLLBACK");
        assertThat(back.newVersion()).isEqualTo(SNAPSHOT);
        assertThat(events.next(WAIT)).isEqualTo(back);
        assertThat(template().version()).isEqualTo(SNAPSHOT);
        await(tplCycles::get, tplCycles.get() + 20, "tpl cycles after the rollback");
        ReloadEvent again = kernel.plugins().reload("template");
        assertThat(again.outcome()).as(again.reason()).isEqualTo(ReloadEvent.SWAPPED);
        assertThat(again.newVersion()).isEqualTo("0.2.0");
        await(tplCycles::get, tplCycles.get() + 20, "tpl cycles after the reload");
        assertThat(kernel.plugins().history("template")).extracting(ReloadEvent::trigger)
                .startsWith("RELOAD", "ROLLBACK", "WATCH");

        kernel.shutdown("test over");
        // every cycle recorded the exact version it ran, one block per version, no cycle lost or doubled
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            String runId = store.runs().stream().filter(r -> r.strategyId().equals("tpl")).findFirst().orElseThrow()
                    .runId();
            List<CycleRow> cycles = store.cycles(runId, 100_000);
            List<String> blocks = new ArrayList<>();
            for (int i = 0; i < cycles.size(); i++) {
                assertThat(cycles.get(i).sequence()).isEqualTo(i + 1);
                ComponentVersion composer = store.cycle(cycles.get(i).composeId()).orElseThrow().versions().stream()
                        .filter(v -> v.role().equals("composer")).findFirst().orElseThrow();
                assertThat(composer.source()).isEqualTo("template");
                if (blocks.isEmpty() || !blocks.getLast().equals(composer.version())) {
                    blocks.add(composer.version());
                }
            }
            assertThat(blocks).containsExactly(SNAPSHOT, "0.2.0", SNAPSHOT, "0.2.0");
        }
    }

    @Test
    void removing_the_jar_pauses_its_strategies_and_putting_it_back_resumes_them() throws Exception {
        Files.delete(plugins.resolve("template.jar"));
        ReloadEvent removed = events.next(WAIT);
        assertThat(removed.outcome()).as(removed.reason()).isEqualTo(ReloadEvent.PAUSED);
        assertThat(removed.trigger()).isEqualTo("REMOVE");
        assertThat(removed.strategies()).containsExactly("tpl");
        assertThat(removed.reason()).contains("template.jar removed").contains("paused [tpl]");
        assertThat(template().strategies()).singleElement().asString()
                .startsWith("tpl: PAUSED: plugin 'template' was removed from plugins/ (template.jar)");
        assertThat(state("tpl").state()).isEqualTo("PAUSED");
        assertThat(state("tpl").reason()).startsWith("plugin 'template' was removed from plugins/ (template.jar)");
        assertThat(state("t").state()).isEqualTo("RUNNING");

        // at most the cycle in flight when it paused ends; t goes on meanwhile
        long pausedAt = tplCycles.get();
        await(tCycles::get, tCycles.get() + 100, "t cycles while tpl is paused");
        assertThat(tplCycles.get()).isLessThanOrEqualTo(pausedAt + 1);

        dropAsTheGuideSays(ReloadFixture.jar("template"));
        ReloadEvent back = events.next(WAIT);
        assertThat(back.outcome()).as(back.reason()).isEqualTo(ReloadEvent.SWAPPED);
        assertThat(back.reason()).contains("resumed [tpl]");
        assertThat(template().strategies()).containsExactly("tpl: RUNNING");
        assertThat(state("tpl").state()).isEqualTo("RUNNING");
        assertThat(state("tpl").reason()).isNull();
        await(tplCycles::get, tplCycles.get() + 20, "tpl cycles after the jar is back");
    }

    /** @return the strategy as the runtime reports it to the console's {@code /api/strategies} */
    private StrategyRunState state(String strategyId) {
        return kernel.states().stream().filter(s -> s.strategyId().equals(strategyId)).findFirst().orElseThrow();
    }

    private PluginStatus template() {
        return kernel.plugins().list().stream().filter(p -> p.pluginId().equals("template")).findFirst().orElseThrow();
    }

    /** Step 2 of the guide: {@code cp <jar> plugins/.template.tmp; mv plugins/.template.tmp plugins/template.jar}. */
    private void dropAsTheGuideSays(Path jar) throws IOException {
        Path temp = plugins.resolve(".template.tmp");
        Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, plugins.resolve("template.jar"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void await(LongSupplier count, long atLeast, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count.getAsLong() + " " + what + ", waited for " + atLeast);
            }
            Thread.onSpinWait();
        }
    }

    private Path runFile() throws IOException {
        return ReloadFixture.runFile(tmp, 86_400_000.0 / 4, "tpl", "close, sma_20", "template", true);
    }
}
