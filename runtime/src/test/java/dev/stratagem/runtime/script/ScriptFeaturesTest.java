package dev.stratagem.runtime.script;

import static dev.stratagem.runtime.script.ScriptReloads.await;
import static dev.stratagem.runtime.script.ScriptReloads.awaitCycles;
import static dev.stratagem.runtime.script.ScriptReloads.count;
import static dev.stratagem.runtime.script.ScriptReloads.events;
import static dev.stratagem.runtime.script.ScriptReloads.save;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.marketdata.CandleSeries;
import dev.stratagem.runtime.marketdata.CsvCandleReader;
import dev.stratagem.runtime.marketdata.CsvFormat;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.plugin.reload.PluginStatus;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A features pipeline written as a script, hot-reloaded in a running kernel (paper run, bus feed, H2
 * history): two strategies use the same features folder (under a path longer than 200 characters, as on a
 * CI runner); a saved version serves both from their next cycles and the cycles record its values and sha;
 * a syntax error and a version that outputs NaN are refused with the reason while cycles go on; a rollback
 * brings the first version back.
 */
class ScriptFeaturesTest {

    @TempDir
    Path tmp;

    private static String tagger(String tag) {
        return "function features(bar, out, api) {\n  out[0] = bar[3];\n  out[1] = " + tag + ";\n}\n";
    }

    private static final String SMA3 = """
            closes = []

            def features(bar, out, api):
                closes.append(bar[3])
                del closes[:-3]
                out[0] = bar[3]
                if len(closes) == 3:
                    out[1] = SCALE * sum(closes) / 3
            """;

    /**
     * Without the kernel: a strategy (Python features, JavaScript composer) run cycle by cycle through its
     * coordinator, so the swap lands on a known cycle.
     */
    @Test
    void a_python_features_version_serves_warm_and_one_dropping_a_feature_the_composer_reads_is_refused()
            throws Exception {
        Path features = ScriptReloads.folder(tmp, "sma3", ScriptLanguage.PYTHON,
                "roles: [features]\noutputs: [close, sma_3]\nwarmup: 3", "SCALE = 1\n" + SMA3);
        Path composer = ScriptReloads.folder(tmp, "sma3-reader", ScriptLanguage.JS, "roles: [composer]", """
                let sma;
                function init(api) { sma = api.feature("sma_3"); }
                function compose(f, api) { return "sma " + f[sma]; }
                """);
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, """
                id: sma3
                symbols: [ORCL]
                capital: 100000
                features: { script: %s }
                composer: { script: %s }
                gateway: { id: paper }
                """.formatted(features, composer));
        StrategyConfig config = StrategyConfigLoader.load(file);
        Path orcl = ScriptStrategies.orcl();
        CandleSeries series = CsvCandleReader.read(orcl, "ORCL", CsvFormat.detect(orcl), false);
        ScriptCatalog scripts = new ScriptCatalog(List.of(tmp), new ScriptSettings(Duration.ofMillis(500), 3, 10),
                null);
        try (PluginCatalog catalog = PluginCatalog.load(TestPaths.plugins())) {
            StrategyComponents components = StrategyAssembler.assemble(config, catalog, scripts);
            ScriptFeatures pipeline = (ScriptFeatures) components.features();
            pipeline.consumers(() -> components.composer().requiredFeatures());
            CycleCoordinator coordinator = new CycleCoordinator(new StrategyInfo("sma3", "run", "backtest",
                    config.allSymbols()), components, new LedgerPortfolio("sma3", config.capital(), config.limits()),
                    new DigestTracker(config.periodsPerYear()), config.instrumentMap(), 256, Duration.ofSeconds(5));
            List<Candle> bars = series.candles();
            List<CycleRecord> records = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                records.add(coordinator.runCycle(List.of(bars.get(i))));
            }
            String v1 = pipeline.version().sha256();
            assertThat(records.getLast().decision().rationale()).startsWith("sma ");
            try (ScriptReloader reloader = new ScriptReloader(pipeline, Duration.ZERO)) {
                Path manifest = features.resolve("script.yaml");
                String original = Files.readString(manifest);
                Files.writeString(manifest, original.replace("outputs: [close, sma_3]", "outputs: [close, sma_x]"));
                ReloadOutcome dropped = reloader.reload().get(60, TimeUnit.SECONDS);
                assertThat(dropped.accepted()).isFalse();
                assertThat(dropped.reason()).contains("reads features [sma_3]").contains("[close, sma_x]");
                Files.writeString(manifest, original);

                Files.writeString(features.resolve("main.py"), "SCALE = 2\n" + SMA3);
                ReloadOutcome ok = reloader.reload().get(60, TimeUnit.SECONDS);
                assertThat(ok.accepted()).as(ok.reason()).isTrue();
                assertThat(ok.replayed()).as("warm-up 3 + replay depth 10 bars").isEqualTo(13);
                assertThat(pipeline.version().sha256()).isEqualTo(v1);

                CycleRecord next = coordinator.runCycle(List.of(bars.get(40)));
                double expected = 2 * (bars.get(38).close() + bars.get(39).close() + bars.get(40).close()) / 3;
                assertThat(next.context().features().getFirst().get("sma_3")).isEqualTo(expected);
                assertThat(next.versions()).filteredOn(v -> v.role().equals("features"))
                        .extracting(ComponentVersion::sha256).containsExactly(ok.newSha256());
                assertThat(pipeline.status().reloads()).isEqualTo(1);

                ReloadOutcome back = reloader.rollback(v1).get(60, TimeUnit.SECONDS);
                assertThat(back.accepted()).as(back.reason()).isTrue();
                CycleRecord after = coordinator.runCycle(List.of(bars.get(41)));
                double sma = (bars.get(39).close() + bars.get(40).close() + bars.get(41).close()) / 3;
                assertThat(after.context().features().getFirst().get("sma_3")).isEqualTo(sma);
                assertThat(after.versions()).filteredOn(v -> v.role().equals("features"))
                        .extracting(ComponentVersion::sha256).containsExactly(v1);
            } finally {
                pipeline.close();
                ((ScriptComposer) components.composer()).close();
            }
        }
    }

    @Test
    void a_saved_features_script_serves_every_strategy_using_it_and_a_broken_one_is_refused() throws Exception {
        Path deep = tmp.resolve("a-deep-ci-workspace-folder-".repeat(3) + "1").resolve("checkout-".repeat(8) + "2")
                .resolve("scripts");
        Path features = ScriptReloads.folder(deep, "tag-features", ScriptLanguage.JS,
                "roles: [features]\noutputs: [close, tag]\nwarmup: 2", tagger("1"));
        Path composer = ScriptReloads.folder(deep, "tag-reader", ScriptLanguage.JS, "roles: [composer]", """
                let tag;
                function init(api) { tag = api.feature("tag"); }
                function compose(f, api) { return "tag " + f[tag]; }
                """);
        Path entry = features.resolve("main.js");
        for (String s : List.of("s1", "s2")) {
            Files.writeString(tmp.resolve(s + ".yaml"), """
                    id: %s
                    symbols: [ORCL]
                    capital: 100000
                    features: { script: %s }
                    composer: { script: %s }
                    gateway: { id: paper }
                    """.formatted(s, features, composer));
        }
        Path runFile = tmp.resolve("run.yaml");
        Files.writeString(runFile, """
                mode: paper
                speed: 21600000
                feed:
                  - file: %s
                    symbol: ORCL
                strategies: [s1.yaml, s2.yaml]
                """.formatted(TestPaths.data().resolve("orcl-1995-2014.txt")));
        Path db = tmp.resolve("history");
        Path aside = tmp.resolve("aside.js");
        String id = "script:" + features.toAbsolutePath().normalize();
        assertThat(id.length()).isGreaterThan(200);

        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), db);
        String v1;
        String v2;
        try {
            awaitCycles(kernel, 2 * 40, "first cycles");
            List<PluginStatus> listed = kernel.plugins().list().stream().filter(p -> p.pluginId().equals(id)).toList();
            assertThat(listed).hasSize(2);
            assertThat(listed).flatExtracting(PluginStatus::extensions).containsOnly("features: tag-features");
            assertThat(listed).flatExtracting(PluginStatus::strategies).containsExactlyInAnyOrder("s1: RUNNING",
                    "s2: RUNNING");
            v1 = listed.getFirst().sha256();

            save(aside, entry, tagger("2"));
            await(() -> count(kernel, id, ReloadEvent.SWAPPED) == 2, "v2 swapped in both strategies");
            List<ReloadEvent> swapped = events(kernel, id);
            assertThat(swapped).extracting(e -> e.strategies().getFirst()).containsExactlyInAnyOrder("s1", "s2");
            assertThat(swapped).allSatisfy(e -> {
                assertThat(e.trigger()).isEqualTo("WATCH");
                assertThat(e.oldSha256()).isEqualTo(v1);
                assertThat(e.reason()).startsWith("features: " + v1 + " -> ").contains("bars");
            });
            v2 = swapped.getFirst().newSha256();
            assertThat(v2).hasSize(12).isNotEqualTo(v1);
            awaitCycles(kernel, 2 * 20, "cycles on v2");

            save(aside, entry, "function features(bar, out, api) {\n  out[0] = bar[3];\n  out[1] = ;\n}\n");
            await(() -> count(kernel, id, ReloadEvent.REFUSED) == 2, "the syntax error refused in both");
            assertThat(events(kernel, id).subList(0, 2)).allSatisfy(e -> {
                assertThat(e.reason()).containsPattern("main\\.js:3:\\d+");
                assertThat(e.oldSha256()).isEqualTo(v2);
            });
            awaitCycles(kernel, 2 * 20, "cycles after the refusal");

            save(aside, entry, tagger("(api.ts > 0 ? NaN : 3)"));
            await(() -> count(kernel, id, ReloadEvent.REFUSED) == 4, "the NaN version refused in both");
            assertThat(events(kernel, id).getFirst().reason()).contains("feature 'tag' is NaN");
            awaitCycles(kernel, 2 * 20, "cycles after the second refusal");

            ReloadEvent back = kernel.plugins().rollback(id, v1);
            assertThat(back.outcome()).as(back.reason()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(back.trigger()).isEqualTo("ROLLBACK");
            assertThat(back.newSha256()).isEqualTo(v1);
            assertThat(count(kernel, id, ReloadEvent.SWAPPED)).isEqualTo(4);
            awaitCycles(kernel, 2 * 20, "cycles after the rollback");
        } finally {
            kernel.shutdown("test done");
        }

        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            record Ran(long seq, String sha, String source, double tag, String rationale) {}
            for (String strategy : List.of("s1", "s2")) {
                List<Ran> ran = store.jdbi().withHandle(h -> h.createQuery("SELECT c.seq, v.sha256, v.source,"
                                + " f.feature_value, c.rationale FROM cycles c"
                                + " JOIN component_versions v ON v.compose_id = c.compose_id AND v.role = 'features'"
                                + " JOIN cycle_features f ON f.compose_id = c.compose_id AND f.name = 'tag'"
                                + " WHERE c.strategy_id = ? ORDER BY c.seq")
                        .bind(0, strategy)
                        .map((rs, ctx) -> new Ran(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                                rs.getString(5))).list());
                // two strategies share the committed count, in step with one feed: about 120 cycles each
                assertThat(ran).hasSizeGreaterThan(90);
                List<String> segments = new ArrayList<>();
                for (Ran r : ran) {
                    assertThat(r.source()).isEqualTo(id);
                    // the recorded sha is the one of the source that computed this cycle's features
                    assertThat(r.sha()).as(strategy + " cycle " + r.seq()).isEqualTo(r.tag() == 1.0 ? v1 : v2);
                    assertThat(r.tag()).isIn(1.0, 2.0);
                    assertThat(r.rationale()).isEqualTo(r.tag() == 1.0 ? "tag 1" : "tag 2");
                    if (segments.isEmpty() || !segments.getLast().equals(r.sha())) {
                        segments.add(r.sha());
                    }
                }
                assertThat(segments).containsExactly(v1, v2, v1);
            }
        }
    }
}
