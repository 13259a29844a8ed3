package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.ReloadEventStore;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.plugin.reload.PluginStatus;
import dev.stratagem.runtime.testing.TestPaths;
import dev.stratagem.runtime.web.ConsoleOptions;
import dev.stratagem.runtime.web.ConsoleServer;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.HistoryControlPlane;
import dev.stratagem.runtime.web.auth.TokenStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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

    private static String source(String tag) {
        return "function compose(f, api) {\n  return \"" + tag + "\";\n}\n";
    }

    @Test
    void a_saved_script_swaps_in_a_broken_one_is_refused_and_a_rollback_restores_the_first() throws Exception {
        Path folder = ScriptFolders.write(tmp, "tagger", ScriptLanguage.JS, source("v1"));
        Path entry = folder.resolve("main.js");
        Files.writeString(tmp.resolve("s.yaml"), """
                id: tagged
                symbols: [ORCL]
                capital: 100000
                features: { id: indicators, params: { features: "close" } }
                composer: { script: %s }
                gateway: { id: paper }
                """.formatted(folder));
        Path runFile = tmp.resolve("run.yaml");
        Files.writeString(runFile, """
                mode: paper
                speed: 21600000
                feed:
                  - file: %s
                    symbol: ORCL
                strategies: [s.yaml]
                """.formatted(TestPaths.data().resolve("orcl-1995-2014.txt")));
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

            save(entry, source("v2"));
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
