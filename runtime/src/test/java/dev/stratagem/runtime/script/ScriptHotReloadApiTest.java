package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.runtime.cli.StratagemCommand;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.TestPaths;
import dev.stratagem.runtime.web.ConsoleOptions;
import dev.stratagem.runtime.web.ConsoleServer;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.HistoryControlPlane;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import dev.stratagem.runtime.web.auth.TokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Script hot reload as the console API serves it, over real HTTP on the kernel of a paper run (real H2 file,
 * real GraalVM contexts): what a reload or a rollback changes, and what it leaves alone.
 */
class ScriptHotReloadApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void a_reload_or_rollbacks_to_the_running_version_are_unchanged_and_recorded_nowhere() throws Exception {
        try (Runtime rt = new Runtime(tmp, ScriptReloads.tagger("v1"))) {
            String v1 = rt.kernel.plugins().list().stream().filter(p -> p.pluginId().equals(rt.id)).findFirst()
                    .orElseThrow().sha256();
            ScriptReloads.save(tmp.resolve("aside"), rt.folder.resolve("main.js"), ScriptReloads.tagger("v2"));
            ScriptReloads.await(() -> ScriptReloads.count(rt.kernel, rt.id, ReloadEvent.SWAPPED) == 1, "v2 swapped");
            JsonNode reload = JSON.readTree(rt.post("/reload", null).body());
            assertThat(reload.path("outcome").asText()).as("the file is the version running")
                    .isEqualTo(ReloadEvent.UNCHANGED);
            assertThat(reload.path("reason").asText()).contains("same SHA-256");

            // the tester's twelve concurrent rollbacks: one swap, the others find that version running
            ExecutorService clients = Executors.newFixedThreadPool(12);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(clients.submit(() -> rt.post("/rollback", "{\"to\":\"" + v1 + "\"}")));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode event = JSON.readTree(response.body());
                outcomes.add(event.path("outcome").asText());
                assertThat(event.path("newSha256").asText()).isEqualTo(v1);
            }
            clients.shutdown();
            assertThat(outcomes).filteredOn(ReloadEvent.SWAPPED::equals).hasSize(1);
            assertThat(outcomes).filteredOn(ReloadEvent.UNCHANGED::equals).hasSize(11);

            assertThat(rt.kernel.plugins().history(rt.id)).extracting(ReloadEvent::trigger, ReloadEvent::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ROLLBACK", ReloadEvent.SWAPPED),
                            org.assertj.core.groups.Tuple.tuple("WATCH", ReloadEvent.SWAPPED));
        }
    }

    @Test
    void every_kept_version_id_the_api_lists_is_a_rollback_target() throws Exception {
        try (Runtime rt = new Runtime(tmp, ScriptReloads.tagger("v1"))) {
            ScriptReloads.save(tmp.resolve("aside"), rt.folder.resolve("main.js"), ScriptReloads.tagger("v2"));
            ScriptReloads.await(() -> ScriptReloads.count(rt.kernel, rt.id, ReloadEvent.SWAPPED) == 1, "v2 swapped");
            List<String> kept = new ArrayList<>();
            JSON.readTree(rt.get("/api/scripts").body()).get(0).path("stored").forEach(id -> kept.add(id.asText()));
            assertThat(kept).hasSize(2).allMatch(id -> id.matches("0-[0-9a-f]{12}"));

            JsonNode back = JSON.readTree(rt.post("/rollback", "{\"to\":\"" + kept.get(1) + "\"}").body());
            assertThat(back.path("outcome").asText()).as(back.toString()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat("0-" + back.path("newSha256").asText()).isEqualTo(kept.get(1));
            JsonNode byPrefix = JSON.readTree(rt.post("/rollback",
                    "{\"to\":\"" + kept.get(0).substring(2, 9) + "\"}").body());
            assertThat("0-" + byPrefix.path("newSha256").asText()).as(byPrefix.toString()).isEqualTo(kept.get(0));

            HttpResponse<String> shared = rt.post("/rollback", "{\"to\":\"0\"}");
            assertThat(shared.statusCode()).as(shared.body()).isEqualTo(400);
            assertThat(shared.body()).contains("fits several kept versions").contains(kept.get(0), kept.get(1));
            HttpResponse<String> unknown = rt.post("/rollback", "{\"to\":\"1-ab07b6d60b6a\"}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("kept: " + kept);
        }
    }

    @Test
    void plugins_list_shows_each_running_script_component_beside_the_plugins() throws Exception {
        try (Runtime rt = new Runtime(tmp, ScriptReloads.tagger("v1"))) {
            String sha = rt.kernel.plugins().list().stream().filter(p -> p.pluginId().equals(rt.id)).findFirst()
                    .orElseThrow().sha256();
            StringWriter out = new StringWriter();
            CommandLine cli = StratagemCommand.commandLine();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute("plugins", "list", "--api", rt.api())).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).anyMatch(l -> l.startsWith("rules "));
            assertThat(lines).filteredOn(l -> l.endsWith(rt.id)).singleElement().satisfies(row ->
                    assertThat(row.split(" +", 7)).startsWith("composer", "tagger", "tagged", "0", sha, "RUNNING"));
        }
    }

    /** A paper run of one strategy on a JavaScript composer, and the console API served on its kernel. */
    private static final class Runtime implements AutoCloseable {
        final Path folder;
        final String id;
        final Kernel kernel;
        final JdbiHistoryStore store;
        final ConsoleServer console;
        final ConsoleToken token;

        Runtime(Path dir, String source) throws Exception {
            folder = ScriptFolders.write(dir, "tagger", ScriptLanguage.JS, source);
            id = ScriptHotReload.PREFIX + folder.toAbsolutePath().normalize();
            Path runFile = ScriptReloads.paperRun(dir, "tagged", folder, "", 8_640_000);
            Path db = dir.resolve("history");
            kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), db);
            ScriptReloads.await(() -> kernel.recorded() > 30, "first cycles");
            store = JdbiHistoryStore.openFile(db);
            token = TokenStore.loadOrCreate(dir);
            console = ConsoleServer.start(kernel.vertx(), ConsoleOptions.loopback(0),
                    new ConsoleSources(store, HistoryControlPlane.over(store), List::of, kernel.plugins()), token)
                    .await(10, TimeUnit.SECONDS);
        }

        String api() {
            return "http://127.0.0.1:" + console.port();
        }

        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(api() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** POSTs to {@code /api/plugins/<script id><action>} with the token. */
        HttpResponse<String> post(String action, String body) throws Exception {
            String path = "/api/plugins/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + action;
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api() + path))
                    .header("Authorization", "Bearer " + token.value())
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() throws TimeoutException {
            try {
                console.close().await(10, TimeUnit.SECONDS);
            } finally {
                kernel.shutdown("test done");
                store.close();
            }
        }
    }
}
