package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.api.Candle;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.ReloadEventStore;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.plugin.reload.PluginStatus;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import dev.stratagem.runtime.testing.Await;
import dev.stratagem.runtime.testing.TestPaths;
import dev.stratagem.runtime.web.ConsoleOptions;
import dev.stratagem.runtime.web.ConsoleServer;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.HistoryControlPlane;
import dev.stratagem.runtime.web.KernelControlPlane;
import dev.stratagem.runtime.web.auth.TokenStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper run (the real kernel, bus feed and H2 history) with a JavaScript composer: saving a new version
 * swaps it in between two cycles and the cycles record the sha of the source they ran; a syntax error is
 * refused with line and column and the old version keeps running; a rollback brings the first one back.
 */
class ScriptHotReloadTest {

    @TempDir
    Path tmp;

    @Test
    void a_saved_script_swaps_in_a_broken_one_is_refused_and_a_rollback_restores_the_first() throws Exception {
        Path folder = ScriptFolders.write(tmp, "tagger", ScriptLanguage.JS, ScriptReloads.tagger("v1"));
        Path entry = folder.resolve("main.js");
        Path runFile = ScriptReloads.paperRun(tmp, "tagged", folder, "", 21_600_000);
        Path db = tmp.resolve("history");

        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), db);
        String id;
        String v1;
        try {
            await(() -> kernel.recorded() > 30, "first cycles");
            PluginStatus script = kernel.plugins().list().stream().filter(p -> p.pluginId().startsWith("script:"))
                    .findFirst().orElseThrow();
            id = script.pluginId();
            v1 = script.sha256();
            assertThat(id).isEqualTo("script:" + folder.toAbsolutePath().normalize());

            save(entry, ScriptReloads.tagger("v2"));
            await(() -> events(kernel, id).stream().anyMatch(e -> e.outcome().equals(ReloadEvent.SWAPPED)), "v2 swapped");
            ReloadEvent swapped = events(kernel, id).getFirst();
            assertThat(swapped.trigger()).isEqualTo("WATCH");
            assertThat(swapped.oldSha256()).isEqualTo(v1);
            String v2 = swapped.newSha256();
            assertThat(v2).hasSize(12).isNotEqualTo(v1);
            assertThat(swapped.strategies()).containsExactly("tagged");
            long recordedAtV2 = kernel.recorded();
            await(() -> kernel.recorded() > recordedAtV2 + 20, "cycles on v2");

            save(entry, "function compose(f, api) {\n  return \"v3\" +;\n}\n");
            await(() -> events(kernel, id).size() >= 2, "v3 refused");
            ReloadEvent refused = events(kernel, id).getFirst();
            assertThat(refused.outcome()).isEqualTo(ReloadEvent.REFUSED);
            assertThat(refused.reason()).containsPattern("main\\.js:2:\\d+");
            assertThat(refused.oldSha256()).isEqualTo(v2);
            long recordedAtV3 = kernel.recorded();
            await(() -> kernel.recorded() > recordedAtV3 + 20, "cycles after the refusal");

            ReloadEvent back = kernel.plugins().rollback(id, null);
            assertThat(back.outcome()).as(back.reason()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(back.trigger()).isEqualTo("ROLLBACK");
            assertThat(back.newSha256()).isEqualTo(v1);
            assertThat(kernel.plugins().history(id)).extracting(ReloadEvent::outcome)
                    .containsExactly("SWAPPED", "REFUSED", "SWAPPED");
            long recordedAtRollback = kernel.recorded();
            await(() -> kernel.recorded() > recordedAtRollback + 20, "cycles after the rollback");

            try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
                ConsoleServer console = ConsoleServer.start(kernel.vertx(), ConsoleOptions.loopback(0),
                        new ConsoleSources(store, HistoryControlPlane.over(store), List::of, kernel.plugins()),
                        TokenStore.loadOrCreate(tmp)).await(10, TimeUnit.SECONDS);
                JsonNode scripts = get(console.port(), "/api/scripts");
                assertThat(scripts).hasSize(1);
                JsonNode listed = scripts.get(0);
                assertThat(listed.path("id").asText()).isEqualTo(id);
                assertThat(listed.path("sha256").asText()).isEqualTo(v1);
                assertThat(listed.path("uses").get(0).asText()).startsWith("composer: ");
                assertThat(listed.path("strategies").get(0).asText()).isEqualTo("tagged: RUNNING");
                assertThat(listed.path("lastReload").path("trigger").asText()).isEqualTo("ROLLBACK");
                assertThat(get(console.port(), "/api/plugins").findValuesAsText("pluginId"))
                        .as("scripts are listed apart from plugin jars").noneMatch(p -> p.startsWith("script:"))
                        .contains("rules");
                console.close().await(10, TimeUnit.SECONDS);
            }
        } finally {
            kernel.shutdown("test done");
        }

        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            record Ran(long seq, String sha, String rationale) {}
            List<Ran> ran = store.jdbi().withHandle(h -> h.createQuery("SELECT c.seq, v.sha256, c.rationale FROM cycles c"
                            + " JOIN component_versions v ON v.compose_id = c.compose_id AND v.role = 'composer'"
                            + " ORDER BY c.seq")
                    .map((rs, ctx) -> new Ran(rs.getLong(1), rs.getString(2), rs.getString(3))).list());
            assertThat(ran).hasSizeGreaterThan(90);
            List<String> segments = new ArrayList<>();
            for (int i = 0; i < ran.size(); i++) {
                Ran r = ran.get(i);
                assertThat(r.seq()).isEqualTo(i + 1);
                if (segments.isEmpty() || !segments.getLast().equals(r.sha())) {
                    segments.add(r.sha());
                }
                if (r.rationale() != null && r.rationale().startsWith("v")) {
                    // the recorded sha is the one of the source that composed this cycle
                    assertThat(r.sha()).as("cycle " + r.seq()).isEqualTo(r.rationale().equals("v1") ? v1 : segments.get(1));
                }
            }
            assertThat(segments).hasSize(3);
            assertThat(segments.get(0)).isEqualTo(v1);
            assertThat(segments.get(2)).isEqualTo(v1);
            int events = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM reload_events WHERE plugin_id = ?")
                    .bind(0, id).mapTo(Integer.class).one());
            assertThat(events).isEqualTo(3);
            assertThat(new ReloadEventStore(store).ids(ScriptHotReload.PREFIX))
                    .as("what /api/scripts lists once the runtime is gone").containsExactly(id);
        }
    }

    @Test
    void a_script_paused_after_failing_again_and_again_is_listed_paused_with_the_reason_until_it_is_fixed()
            throws Exception {
        Path folder = ScriptFolders.write(tmp, "thrower", ScriptLanguage.JS,
                "function compose(f, api) {\n  throw new Error(\"the feed looks wrong\");\n}\n");
        Path runFile = ScriptReloads.paperRun(tmp, "failing", folder, "", 21_600_000);
        Path db = tmp.resolve("history");
        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), db);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            ConsoleServer console = ConsoleServer.start(kernel.vertx(), ConsoleOptions.loopback(0),
                    new ConsoleSources(store, new KernelControlPlane(kernel, store), List::of, kernel.plugins()),
                    TokenStore.loadOrCreate(tmp)).await(10, TimeUnit.SECONDS);
            await(() -> state(console, "failing").path("state").asText().equals("PAUSED"), "the script paused");
            assertThat(state(console, "failing").path("reason").asText())
                    .startsWith("script:" + folder.toAbsolutePath().normalize() + " (composer) is paused after 3")
                    .contains("the feed looks wrong");

            save(folder.resolve("main.js"), ScriptReloads.tagger("fixed"));
            await(() -> state(console, "failing").path("state").asText().equals("RUNNING"), "the fixed script runs");
            assertThat(state(console, "failing").path("reason").isNull()).isTrue();
            console.close().await(10, TimeUnit.SECONDS);
        } finally {
            kernel.shutdown("test done");
        }
    }

    /** @return the strategy as {@code /api/strategies} lists it */
    private static JsonNode state(ConsoleServer console, String strategyId) {
        try {
            for (JsonNode s : get(console.port(), "/api/strategies")) {
                if (s.path("strategyId").asText().equals(strategyId)) {
                    return s;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no strategy " + strategyId + " in /api/strategies");
    }

    private static String reader(String feature) {
        return "let i;\nfunction init(api) { i = api.feature(\"" + feature + "\"); }\n"
                + "function compose(f, api) { return \"" + feature + " \" + f[i]; }\n";
    }

    private StrategyComponents assemble(PluginCatalog plugins, ScriptCatalog scripts, Path features, Path composer,
            Path guard) throws IOException {
        Path file = ScriptReloads.allScriptsStrategy(tmp.resolve("s-" + composer.getFileName() + ".yaml"), "s",
                features, composer, guard);
        return StrategyAssembler.assemble(StrategyConfigLoader.load(file), plugins, scripts);
    }

    /** Without the kernel: components swapped by hand as a plugin reload swaps them, saves through the watcher. */
    @Test
    void saves_reach_the_components_a_plugin_reload_swapped_in_and_feature_names_are_checked_against_those_running()
            throws Exception {
        String outputs = "roles: [features]\nwarmup: 1\noutputs: ";
        Path features = ScriptReloads.folder(tmp, "feat", ScriptLanguage.JS, outputs + "[close, tag]",
                "function features(bar, out, api) {\n  for (let k = 0; k < out.length; k++) out[k] = (k + 1) * bar[3];\n}\n");
        Path tagReader = ScriptReloads.folder(tmp, "tag-reader", ScriptLanguage.JS, "roles: [composer]", reader("tag"));
        Path closeReader = ScriptReloads.folder(tmp, "close-reader", ScriptLanguage.JS, "roles: [composer]",
                reader("close"));
        Path guard = ScriptReloads.folder(tmp, "guard", ScriptLanguage.JS, "roles: [risk]", "function check(api) {}\n");
        ScriptCatalog scripts = new ScriptCatalog(List.of(tmp), new ScriptSettings(Duration.ofMillis(500), 3, 5), null);
        List<ReloadEvent> recorded = new CopyOnWriteArrayList<>();
        try (PluginCatalog plugins = PluginCatalog.load(TestPaths.plugins());
                ScriptHotReload hot = new ScriptHotReload(e -> {
                    recorded.add(e);
                    return e;
                }, null, Duration.ofMillis(50))) {
            StrategyComponents first = assemble(plugins, scripts, features, tagReader, guard);
            StrategyComponents second = assemble(plugins, scripts, features, closeReader, guard);
            ScriptFeatures pipeline = (ScriptFeatures) first.features();
            ScriptComposer composer = (ScriptComposer) first.composer();
            AtomicReference<StrategyComponents> current = new AtomicReference<>(first);
            assertThat(hot.attach("s", current::get)).isTrue();
            Events events = new Events(recorded);
            String feat = "script:" + features.toAbsolutePath().normalize();
            String reader = "script:" + tagReader.toAbsolutePath().normalize();
            String guardId = "script:" + guard.toAbsolutePath().normalize();

            // the pipeline adds an output; the composer's next version reads it (it is built against the new names)
            ScriptReloads.save(tmp.resolve("aside"), features.resolve("script.yaml"),
                    Files.readString(features.resolve("script.yaml")).replace("[close, tag]", "[close, tag, sma]"));
            assertThat(events.next(feat).outcome()).isEqualTo(ScriptHotReload.PENDING);
            pipeline.compute(new ScriptReloads.OneBar(new Candle("X", 1, 10, 10, 10, 10, 1)));
            assertThat(events.next(feat).outcome()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(pipeline.featureNames()).containsExactly("close", "tag", "sma");
            ScriptReloads.save(tmp.resolve("aside"), tagReader.resolve("main.js"), reader("sma"));
            ReloadEvent readsSma = events.next(reader);
            assertThat(readsSma.outcome()).as(readsSma.reason()).isEqualTo(ScriptHotReload.PENDING);
            assertThat(composer.compose(context(List.of("close", "tag", "sma"), 10, 20, 30)).rationale())
                    .isEqualTo("sma 30");
            assertThat(events.next(reader).outcome()).isEqualTo(ReloadEvent.SWAPPED);

            // the pipeline drops the output no one reads now; a composer reading it is refused, not fed NaN
            ScriptReloads.save(tmp.resolve("aside"), features.resolve("script.yaml"),
                    Files.readString(features.resolve("script.yaml")).replace("[close, tag, sma]", "[close, sma]"));
            assertThat(events.next(feat).outcome()).isEqualTo(ScriptHotReload.PENDING);
            pipeline.compute(new ScriptReloads.OneBar(new Candle("X", 2, 10, 10, 10, 10, 1)));
            assertThat(events.next(feat).outcome()).isEqualTo(ReloadEvent.SWAPPED);
            ScriptReloads.save(tmp.resolve("aside"), tagReader.resolve("main.js"), reader("tag"));
            ReloadEvent readsTag = events.next(reader);
            assertThat(readsTag.outcome()).isEqualTo(ReloadEvent.REFUSED);
            assertThat(readsTag.reason()).contains("reads features [tag] the pipeline does not produce")
                    .contains("[close, sma]");

            // a plugin reload swaps in a composer reading only close, and new guardrails
            current.set(new StrategyComponents(first.features(), second.composer(), first.gateway(),
                    second.guardrails(), first.listeners(), first.versions()));
            ScriptReloads.save(tmp.resolve("aside"), features.resolve("script.yaml"),
                    Files.readString(features.resolve("script.yaml")).replace("[close, sma]", "[close]"));
            ReloadEvent dropsSma = events.next(feat);
            assertThat(dropsSma.outcome()).as("checked against the composer running now: " + dropsSma.reason())
                    .isEqualTo(ScriptHotReload.PENDING);
            ScriptRiskCheck retired = (ScriptRiskCheck) first.guardrails().checks().getFirst();
            ScriptRiskCheck running = (ScriptRiskCheck) second.guardrails().checks().getFirst();
            String v1 = running.version().sha256();
            ScriptReloads.save(tmp.resolve("aside"), guard.resolve("main.js"),
                    "function check(api) { api.reject('v2 allows nothing'); }\n");
            assertThat(events.next(guardId).outcome()).isEqualTo(ScriptHotReload.PENDING);
            PortfolioView portfolio = new PortfolioView(1, 1000, 1000, 0, 0, 0, 0, List.of(), Constraints.NONE);
            RiskVerdict verdict = running.check(TradeInstruction.buy("X", 1),
                    new RiskContext(portfolio, Map.of(), Map.of("X", 10.0), Map.of(), 1000));
            assertThat(verdict).isEqualTo(RiskVerdict.reject("guard: v2 allows nothing"));
            assertThat(events.next(guardId).outcome()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(retired.version().sha256()).isEqualTo(v1);

            // the strategy stops for good: its scripts are no longer watched or reloadable for it
            assertThat(hot.list()).isNotEmpty().extracting(p -> p.strategies().getFirst())
                    .allMatch(st -> st.startsWith("s: "));
            hot.detach("s");
            assertThat(hot.list()).isEmpty();
            assertThatThrownBy(() -> hot.reload(guardId)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no running strategy has the script");
            for (AutoCloseable c : List.of(pipeline, composer, (AutoCloseable) second.features(),
                    (AutoCloseable) second.composer(), retired, running)) {
                c.close();
            }
        }
    }

    private static ComposeContext context(List<String> names, double... values) {
        PortfolioView portfolio = new PortfolioView(1, 1000, 1000, 0, 0, 0, 0, List.of(), Constraints.NONE);
        return new ComposeContext(1, "c-1", "s", List.of(new FeatureVector("X", 1, names, values)), portfolio,
                TradeDigest.EMPTY, RunMode.BACKTEST);
    }

    /** The recorded events of each script, read one after the other as they arrive. */
    private static final class Events {
        private final List<ReloadEvent> recorded;
        private final Map<String, Integer> read = new HashMap<>();

        Events(List<ReloadEvent> recorded) {
            this.recorded = recorded;
        }

        ReloadEvent next(String id) {
            int seen = read.getOrDefault(id, 0);
            ScriptReloads.await(() -> of(id).size() > seen, "event " + (seen + 1) + " of " + id);
            read.put(id, seen + 1);
            return of(id).get(seen);
        }

        private List<ReloadEvent> of(String id) {
            return recorded.stream().filter(e -> e.pluginId().equals(id)).toList();
        }
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static List<ReloadEvent> events(Kernel kernel, String id) {
        return kernel.plugins().history(id);
    }

    /** Writes aside and moves into place, as an editor's atomic save does. */
    private void save(Path entry, String text) throws IOException {
        Path aside = Files.writeString(tmp.resolve("aside.js"), text);
        Files.move(aside, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(condition, Duration.ofSeconds(60), what);
    }
}
