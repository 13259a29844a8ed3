package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.runtime.cli.StratagemCommand;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.web.ConsoleOptions;
import dev.stratagem.runtime.web.ConsoleServer;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.HistoryControlPlane;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import dev.stratagem.runtime.web.auth.TokenStore;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollback through the console API picks a stored build by any id {@code /api/plugins} lists, with two builds
 * of one version in the store: the real reload-probe jar and a rebuild of it, hot reload over a real H2 file.
 */
class HotReloadRollbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void every_stored_id_the_list_shows_is_a_rollback_target_and_a_shared_version_is_refused_naming_them()
            throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(ReloadFixture.jar("reload-v1"), plugins.resolve("reload-probe.jar"));
        Path db = tmp.resolve("data").resolve("history");
        Vertx vertx = Vertx.vertx();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db);
                HotReload hot = HotReload.start(plugins, ReloadSettings.defaults(plugins)
                        .withVersions(tmp.resolve("versions")), store)) {
            ReloadFixture.Events events = new ReloadFixture.Events();
            hot.onEvent(events.queue::add);
            String first = hot.list().getFirst().sha256();
            Path rebuild = ReloadFixture.rewritten(ReloadFixture.jar("reload-v1"), tmp.resolve("rebuild.jar"),
                    n -> false, a -> a.putValue("Build", "2"));
            ReloadFixture.drop(rebuild, plugins, "reload-probe.jar");
            ReloadEvent loaded = events.next(WAIT);
            assertThat(loaded.outcome()).as(loaded.reason()).isEqualTo(ReloadEvent.LOADED);
            String second = loaded.newSha256();

            ConsoleToken token = TokenStore.loadOrCreate(db.getParent());
            ConsoleServer console = ConsoleServer.start(vertx, ConsoleOptions.loopback(0),
                    new ConsoleSources(store, HistoryControlPlane.over(store), List::of, hot), token)
                    .await(10, TimeUnit.SECONDS);
            String api = "http://127.0.0.1:" + console.port();
            List<String> stored = new ArrayList<>();
            JSON.readTree(send(api, "GET", "", null, null).body()).get(0).path("stored")
                    .forEach(id -> stored.add(id.asText()));
            assertThat(stored).containsExactly("1.0.0-" + second, "1.0.0-" + first);

            HttpResponse<String> shared = send(api, "POST", "/rollback", "{\"to\":\"1.0.0\"}", token.value());
            assertThat(shared.statusCode()).as(shared.body()).isEqualTo(400);
            assertThat(shared.body()).contains("fits several stored versions").contains(stored.get(0), stored.get(1));

            JsonNode older = JSON.readTree(send(api, "POST", "/rollback", "{\"to\":\"" + stored.get(1) + "\"}",
                    token.value()).body());
            assertThat(older.path("outcome").asText()).as(older.toString()).isEqualTo(ReloadEvent.LOADED);
            assertThat(older.path("newSha256").asText()).isEqualTo(first);
            JsonNode byPrefix = JSON.readTree(send(api, "POST", "/rollback",
                    "{\"to\":\"" + second.substring(0, 7) + "\"}", token.value()).body());
            assertThat(byPrefix.path("newSha256").asText()).as(byPrefix.toString()).isEqualTo(second);
            JsonNode live = JSON.readTree(send(api, "POST", "/rollback", "{\"to\":\"" + stored.get(0) + "\"}",
                    token.value()).body());
            assertThat(live.path("outcome").asText()).isEqualTo(ReloadEvent.UNCHANGED);

            HttpResponse<String> unknown = send(api, "POST", "/rollback", "{\"to\":\"9.9.9\"}", token.value());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("stored: " + List.of(stored.get(0), stored.get(1)));

            // the CLI goes through the same API, with the token read beside --db
            assertThat(StratagemCommand.commandLine().execute("plugins", "rollback", "reload-probe", "--to",
                    stored.get(1), "--api", api, "--db", db.toString())).isZero();
            assertThat(hot.list().getFirst().sha256()).isEqualTo(first);
            console.close().await(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Sends to {@code /api/plugins} or {@code /api/plugins/reload-probe<action>}. */
    private static HttpResponse<String> send(String api, String method, String action, String body, String bearer)
            throws Exception {
        return ReloadFixture.http(api, method, action.isEmpty() ? "/api/plugins" : "/api/plugins/reload-probe" + action,
                body, bearer);
    }
}
