package dev.stratagem.runtime.web;

import dev.stratagem.runtime.risk.RiskStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.runtime.history.CycleFilter;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.ReloadEventStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleApiTest {

    @TempDir
    static Path dir;

    static ConsoleFixture console;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        console = new ConsoleFixture(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
    }

    @Test
    void the_openapi_document_lists_exactly_the_routed_operations() throws Exception {
        HttpResponse<String> res = console.get("/api/openapi.json");
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(res.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> ops = doc.path("paths").path(path).fieldNames(); ops.hasNext(); ) {
                documented.add(ops.next().toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{(\\w+)}", ":$1"));
            }
        }
        Set<String> routed = new HashSet<>();
        for (Route r : console.server.router().getRoutes()) {
            if (r.getPath() != null && r.getPath().startsWith("/api/") && r.methods() != null) {
                for (HttpMethod m : r.methods()) {
                    routed.add(m.name() + " " + r.getPath());
                }
            }
        }
        assertThat(routed).containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void every_documented_read_without_path_parameters_answers_json() throws Exception {
        for (String path : new String[] {"/api/strategies", "/api/runs", "/api/plugins", "/api/scripts", "/api/risk",
                "/api/risk/kill-switch"}) {
            HttpResponse<String> res = console.get(path);
            assertThat(res.statusCode()).as(path).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
            JSON.readTree(res.body());
        }
    }

    @Test
    void the_strategies_show_state_equity_and_pnl_of_the_demo() throws Exception {
        JsonNode strategies = JSON.readTree(console.get("/api/strategies").body());
        JsonNode demo = null;
        for (JsonNode s : strategies) {
            if (s.path("strategyId").asText().equals("sma-crossover-orcl")) {
                demo = s;
            }
        }
        assertThat(demo).isNotNull();
        assertThat(demo.path("state").asText()).isEqualTo("FINISHED");
        assertThat(demo.path("equity").asDouble()).isEqualTo(102646.0652, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(demo.path("pnl").asDouble()).isEqualTo(2646.0652, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void the_cycle_list_filters_by_status_and_pages_by_keyset() throws Exception {
        String run = console.demo.runId();
        JsonNode traded = JSON.readTree(console.get("/api/runs/" + run + "/cycles?status=traded&limit=10").body());
        assertThat(traded.path("items")).hasSize(10);
        traded.path("items").forEach(c -> assertThat(c.path("status").asText()).isEqualTo("TRADED"));
        long next = traded.path("nextAfter").asLong();
        JsonNode page2 = JSON.readTree(console.get("/api/runs/" + run + "/cycles?status=traded&limit=10&after=" + next)
                .body());
        assertThat(page2.path("items").get(0).path("sequence").asLong()).isGreaterThan(next);
        JsonNode rejected = JSON.readTree(console.get("/api/runs/" + console.guarded.runId()
                + "/cycles?status=rejected&limit=5").body());
        assertThat(rejected.path("items")).isNotEmpty();
        rejected.path("items").forEach(c -> assertThat(c.path("status").asText()).isEqualTo("REJECTED"));
    }

    @Test
    void the_cycle_list_filters_by_time_range_component_version_and_compose_id() throws Exception {
        String run = console.demo.runId();
        JsonNode ranged = JSON.readTree(console.get("/api/runs/" + run + "/cycles?from=2001-01-01&to=2001-01-31").body());
        assertThat(ranged.path("items")).isNotEmpty();
        ranged.path("items").forEach(c -> assertThat(c.path("ts").asLong())
                .isBetween(978307200000L, 980899200000L));
        assertThat(JSON.readTree(console.get("/api/runs/" + run + "/cycles?component=sma-crossover&limit=3").body())
                .path("items")).hasSize(3);
        assertThat(JSON.readTree(console.get("/api/runs/" + run + "/cycles?component=sma-crossover@0.0.0-none").body())
                .path("items")).isEmpty();
        String composeId = run + "-1234";
        JsonNode found = JSON.readTree(console.get("/api/runs/" + run + "/cycles?q=" + composeId).body());
        assertThat(found.path("items").get(0).path("composeId").asText()).isEqualTo(composeId);
    }

    @Test
    void a_cycle_detail_is_the_whole_record() throws Exception {
        JsonNode first = JSON.readTree(console.get("/api/runs/" + console.demo.runId() + "/cycles?status=traded&limit=1")
                .body()).path("items").get(0);
        JsonNode cycle = JSON.readTree(console.get("/api/cycles/" + first.path("composeId").asText()).body());
        assertThat(cycle.path("status").asText()).isEqualTo("TRADED");
        assertThat(cycle.path("versions")).isNotEmpty();
        assertThat(cycle.path("verdicts")).isNotEmpty();
        assertThat(cycle.path("txResults")).isNotEmpty();
        assertThat(cycle.path("timings").path("nanos")).hasSize(10);
    }

    @Test
    void series_and_trades_come_from_the_history() throws Exception {
        String run = console.demo.runId();
        JsonNode equity = JSON.readTree(console.get("/api/runs/" + run + "/equity?points=100").body());
        assertThat(equity.size()).isBetween(90, 100);
        assertThat(equity.get(equity.size() - 1).path("value").asDouble())
                .isEqualTo(102646.0652, org.assertj.core.data.Offset.offset(1e-6));
        JsonNode prices = JSON.readTree(console.get("/api/runs/" + run + "/prices?points=50").body());
        assertThat(prices.path("candles").asBoolean()).isTrue();
        assertThat(prices.path("symbol").asText()).isEqualTo("ORCL");
        assertThat(prices.path("points").size()).isGreaterThan(40);
        for (JsonNode c : prices.path("points")) {
            double open = c.path("open").asDouble();
            double close = c.path("close").asDouble();
            assertThat(c.path("low").asDouble()).isPositive().isLessThanOrEqualTo(Math.min(open, close));
            assertThat(c.path("high").asDouble()).isGreaterThanOrEqualTo(Math.max(open, close));
            assertThat(c.path("value").asDouble()).isEqualTo(close);
        }
        JsonNode sma = JSON.readTree(console.get("/api/runs/" + run + "/prices?points=50&feature=sma_10").body());
        assertThat(sma.path("candles").asBoolean()).isFalse();
        assertThat(sma.path("note").asText()).contains("sma_10");
        assertThat(sma.path("points").get(0).path("open").isNull()).isTrue();
        HttpResponse<String> backwards = console.get("/api/runs/" + run + "/cycles?from=2005-01-01&to=2000-01-01");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(backwards.body()).path("detail").asText())
                .isEqualTo("query parameter 'from' (2005-01-01) is after 'to' (2000-01-01)");
        HttpResponse<String> unknown = console.get("/api/runs/" + run + "/prices?feature=nope");
        assertThat(unknown.statusCode()).as("a feature the run never recorded").isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("detail").asText()).isEqualTo("run '" + run + "' recorded no"
                + " feature 'nope'; its features: close, open, high, low, sma_10, sma_30");
        assertThat(JSON.readTree(console.get("/api/runs/" + run + "/trades").body()).size()).isEqualTo(98);
    }

    @Test
    void errors_are_problem_json_without_stack_traces() throws Exception {
        HttpResponse<String> missing = console.get("/api/cycles/no-such-cycle");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(missing.body());
        assertThat(p.path("status").asInt()).isEqualTo(404);
        assertThat(p.path("detail").asText()).contains("no-such-cycle");
        HttpResponse<String> bad = console.get("/api/runs/" + console.demo.runId() + "/cycles?limit=100000");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).contains("'limit'");
        assertThat(console.get("/api/runs/" + console.demo.runId() + "/cycles?status=maybe").statusCode()).isEqualTo(400);
        HttpResponse<String> unknownParam = console.get("/api/runs?limit=5");
        assertThat(unknownParam.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownParam.body()).path("detail").asText())
                .isEqualTo("unknown query parameter 'limit'; this takes none");
        assertThat(JSON.readTree(console.get("/api/runs/" + console.demo.runId() + "/equity?point=5").body())
                .path("detail").asText()).isEqualTo("unknown query parameter 'point'; this takes points");
        assertThat(JSON.readTree(console.get("/api/runs/" + console.demo.runId() + "/equity?points=5&points=9")
                .body()).path("detail").asText()).isEqualTo("query parameter 'points' is given 2 times; give it once");
        assertThat(console.get("/api/runs/" + console.demo.runId() + "/cycles?status=traded&q=buy&limit=5&after=1")
                .statusCode()).as("the console's own filters").isEqualTo(200);
        assertThat(console.get("/api/nothing-here").statusCode()).isEqualTo(404);
        String badEscape = rawGet("/api/runs/%ZZ/trades");   // java.net.URI refuses to send it
        assertThat(badEscape).startsWith("HTTP/1.1 400").contains("application/problem+json",
                "the request's path or query has '%ZZ', which is not a percent-escape");
        String badQuery = rawGet("/api/runs/" + console.demo.runId() + "/cycles?q=%ZZ");
        assertThat(badQuery).startsWith("HTTP/1.1 400").contains("application/problem+json");
        HttpResponse<String> wrongMethod = console.send("DELETE", "/api/runs/" + console.demo.runId(), null,
                console.token.value());
        assertThat(wrongMethod.statusCode()).as("a path that exists, with a method it does not take").isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(JSON.readTree(wrongMethod.body()).path("title").asText()).isEqualTo("Method not allowed");
        HttpResponse<String> noToken = console.send("DELETE", "/api/runs/" + console.demo.runId(), null, null);
        assertThat(noToken.statusCode()).as("the method is wrong with or without a token").isEqualTo(405);
        assertThat(noToken.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(console.send("POST", "/api/strategies/x/stop", "{}", null).statusCode())
                .as("a method the path takes still needs the token").isEqualTo(401);
        assertThat(console.send("DELETE", "/api/nothing-here", null, null).statusCode())
                .as("a path no route serves: the token first").isEqualTo(401);
        assertThat(console.send("GET", "/api/risk/kill-switch/", null, null).statusCode()).isEqualTo(200);
        assertThat(console.send("POST", "/api/risk/kill-switch/", "{}", console.token.value()).headers()
                .firstValue("Allow")).hasValue("GET, HEAD, PUT");
        assertThat(bad.body()).doesNotContain("at dev.stratagem").doesNotContain("Exception");
    }

    @Test
    void head_is_answered_as_get_with_its_headers_and_no_body() throws Exception {
        String runId = console.demo.runId();
        for (String path : new String[] {"/api/runs", "/api/runs/" + runId + "/cycles?limit=5", "/api/openapi.json"}) {
            assertThat(raw("HEAD", path)).as(path).startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("content-type: application/json").endsWith("\r\n\r\n");
        }
        assertThat(raw("HEAD", "/")).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/html")
                .endsWith("\r\n\r\n");
        assertThat(raw("HEAD", "/api/runs/" + runId + "/live")).as("an event stream's headers, and it ends")
                .startsWith("HTTP/1.1 200").containsIgnoringCase("text/event-stream").doesNotContain("retry:");
        assertThat(raw("HEAD", "/api/runs/no-such-run")).startsWith("HTTP/1.1 404").endsWith("\r\n\r\n");
        assertThat(raw("HEAD", "/api/runs?limit=5")).as("the query goes with it: /api/runs takes none")
                .startsWith("HTTP/1.1 400");
        assertThat(raw("HEAD", "/api/strategies/x/stop")).as("a path GET does not serve")
                .startsWith("HTTP/1.1 405").containsIgnoringCase("allow: POST\r\n");
        assertThat(console.send("DELETE", "/api/runs", null, null).headers().firstValue("Allow"))
                .hasValue("GET, HEAD");
    }

    @Test
    void a_problem_has_the_title_of_its_status() throws Exception {
        String token = console.token.value();
        List<HttpResponse<String>> problems = List.of(
                console.send("PUT", "/api/risk/kill-switch", "{\"engaged\":true}", token),   // the plane refuses: no reason
                console.send("PUT", "/api/risk/kill-switch", "{\"engaged\":1}", token),
                console.send("PUT", "/api/risk/kill-switch", "{\"engaged\":true}", null),
                console.get("/api/cycles/no-such-cycle"),
                console.send("POST", "/api/strategies/sma-crossover-orcl/stop", null, token),
                console.send("POST", "/api/plugins/rules/reload", null, token));
        List<String> titles = List.of("Bad request", "Bad request", "Unauthorized", "Not found", "Conflict", "Conflict");
        for (int i = 0; i < problems.size(); i++) {
            JsonNode p = JSON.readTree(problems.get(i).body());
            assertThat(p.path("status").asInt()).as(p.toString()).isEqualTo(problems.get(i).statusCode());
            assertThat(p.path("title").asText()).as(p.toString()).isEqualTo(titles.get(i));
        }
        assertThat(new RiskStore(console.store).killSwitch().active()).isFalse();
    }

    @Test
    void a_mutation_without_or_with_a_wrong_token_is_401_and_changes_nothing() throws Exception {
        String before = console.get("/api/risk/kill-switch").body();
        for (String token : new String[] {null, "wrong-token-wrong-token"}) {
            HttpResponse<String> res = console.send("PUT", "/api/risk/kill-switch", "{\"engaged\":true}", token);
            assertThat(res.statusCode()).isEqualTo(401);
            assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        assertThat(console.send("POST", "/api/strategies/sma-crossover-orcl/stop", null, null).statusCode())
                .isEqualTo(401);
        assertThat(console.get("/api/risk/kill-switch").body()).isEqualTo(before);
    }

    @Test
    void the_kill_switch_engages_and_releases_with_the_token_and_persists() throws Exception {
        String token = console.token.value();
        HttpResponse<String> on = console.send("PUT", "/api/risk/kill-switch",
                "{\"engaged\":true,\"reason\":\"test\"}", token);
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(new RiskStore(console.store).killSwitch().active()).isTrue();
        assertThat(new RiskStore(console.store).killSwitch().reason()).isEqualTo("test");
        HttpResponse<String> off = console.send("PUT", "/api/risk/kill-switch", "{\"engaged\":false}", token);
        assertThat(JSON.readTree(off.body()).path("engaged").asBoolean()).isFalse();
        assertThat(new RiskStore(console.store).killSwitch().active()).isFalse();
    }

    @Test
    void request_bodies_are_validated_and_oversized_ones_refused() throws Exception {
        String token = console.token.value();
        assertThat(console.send("PUT", "/api/risk/kill-switch", "{\"engaged\":\"yes\"}", token).statusCode()).isEqualTo(400);
        assertThat(console.send("PUT", "/api/risk/kill-switch", "{\"engaged\":true,\"extra\":1}", token).statusCode())
                .isEqualTo(400);
        assertThat(console.send("PUT", "/api/risk/kill-switch", "not json", token).statusCode()).isEqualTo(400);
        String huge = "{\"engaged\":true,\"reason\":\"" + "x".repeat(64 * 1024) + "\"}";
        HttpResponse<String> tooBig = console.send("PUT", "/api/risk/kill-switch", huge, token);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new RiskStore(console.store).killSwitch().active()).isFalse();
    }

    @Test
    void controlling_a_finished_backtest_is_a_conflict_and_so_is_reloading_its_plugins() throws Exception {
        String token = console.token.value();
        HttpResponse<String> stop = console.send("POST", "/api/strategies/sma-crossover-orcl/stop", null, token);
        assertThat(stop.statusCode()).isEqualTo(409);
        assertThat(console.send("POST", "/api/strategies/nope/pause", null, token).statusCode()).isEqualTo(404);
        for (String path : new String[] {"/api/plugins/rules/reload", "/api/plugins/rules/rollback"}) {
            HttpResponse<String> res = console.send("POST", path, null, token);
            assertThat(res.statusCode()).as(path).isEqualTo(409);
            assertThat(res.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(JSON.readTree(res.body()).path("detail").asText()).as(path).contains("no running runtime");
        }
        assertThat(console.send("POST", "/api/plugins/rules/rollback", "{\"to\":\"1.0.0\"}", null).statusCode())
                .as("no token").isEqualTo(401);
    }

    @Test
    void a_finished_history_lists_the_plugins_folder_and_the_recorded_reload_events() throws Exception {
        JsonNode plugins = JSON.readTree(console.get("/api/plugins").body());
        assertThat(plugins.findValuesAsText("pluginId")).contains("indicators", "rules");
        assertThat(plugins.get(0).has("stored")).isTrue();
        new ReloadEventStore(console.store).record(new ReloadEvent(9_001, 1_700_000_000_000L, "recorded-probe", "WATCH",
                "plugins/probe.jar", "1.0.0", "aaaaaaaaaaaa", "2.0.0", "bbbbbbbbbbbb", ReloadEvent.REFUSED,
                "composer threw on replay", List.of("s"), 1, 2, 3, 0));
        HttpResponse<String> history = console.get("/api/plugins/recorded-probe/history");
        assertThat(history.statusCode()).isEqualTo(200);
        JsonNode event = JSON.readTree(history.body()).get(0);
        assertThat(event.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(event.path("reason").asText()).isEqualTo("composer threw on replay");
        assertThat(JSON.readTree(console.get("/api/plugins/rules/history").body())).as("never reloaded").isEmpty();
        HttpResponse<String> unknown = console.get("/api/plugins/nope/history");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("detail").asText()).contains("no plugin or script 'nope'");
    }

    @Test
    void the_page_size_is_bounded_by_the_filter() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> CycleFilter.all("r", CycleFilter.MAX_LIMIT + 1)).withMessageContaining("limit");
    }

    /** @return the whole response to a GET sent as written, over a plain socket */
    private String rawGet(String path) throws Exception {
        return raw("GET", path);
    }

    /** @return the whole response to a request sent as written, over a plain socket (HTTP/1.1, no upgrade) */
    private String raw(String method, String path) throws Exception {
        java.net.URI base = java.net.URI.create(console.url("/"));
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);   // an answer that never ends fails the test instead of hanging it
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
