package dev.stratagem.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.SampleCycles;
import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.RiskSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private static final String JSON = "application/json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Vertx vertx = Vertx.vertx();
    private final KillSwitch ks = new KillSwitch(null);
    private final RiskEngine engine = new RiskEngine(RiskSettings.NONE, ks, null);

    @BeforeEach
    void registerAStrategy() {
        engine.register("sma", "r", 1000);
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A HEAD as the JDK's client sends it: it asks to upgrade to HTTP/2, over which Vert.x 5.0 would send the body;
     * the server declines (HeadAsGet.serverOptions), so the answer has none.
     */
    private HttpResponse<String> head(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/killswitch"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} with the token, its single quotes made double. */
    private HttpResponse<String> send(int port, String path, String contentType, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')))
                    .header("Content-Type", contentType).header("Authorization", "Bearer s3cret").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void serves_metrics_health_readiness_and_the_kill_switch_behind_a_token() throws Exception {
        RuntimeMetrics metrics = new RuntimeMetrics(engine, () -> 3);
        metrics.listenerFor("sma");
        // a reload's new listener: the gauges stay one
        metrics.listenerFor("sma").onCycleResult(SampleCycles.idle("r1", 1));
        AtomicBoolean ready = new AtomicBoolean();
        try (OpsServer server = OpsServer.start(vertx, "127.0.0.1", 0, metrics, engine, ready::get, "s3cret")) {
            int port = server.port();
            String scrape = get(port, "/metrics").body();
            assertThat(scrape).contains("stratagem_kill_switch_active 0.0", "stratagem_history_queue_depth 3.0",
                    "stratagem_breaker_state{scope=\"sma\"} 0.0", "stratagem_breaker_state{scope=\"portfolio\"} 0.0",
                    "stratagem_portfolio_equity 1000.0", "stratagem_cycles_total{strategy=\"sma\"}",
                    "stratagem_cycle_latency_seconds_bucket",
                    "# HELP stratagem_cycle_latency_seconds a cycle's time, whole (step TOTAL) and by step",
                    "# HELP stratagem_cycles_total decision cycles run",
                    "stratagem_cycles_total{strategy=\"sma\"} 1.0");
            assertThat(scrape.lines().filter(l -> l.startsWith("stratagem_equity{"))).hasSize(1);
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> head = head(port, "/health");   // a probe that asks with HEAD
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(head.body()).isEmpty();
            assertThat(head.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
            assertThat(head(port, "/risk/reset").statusCode()).as("a path GET does not serve").isEqualTo(405);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/killswitch"))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Allow")).as("HEAD where GET is")
                    .hasValue("GET, HEAD, POST");
            assertThat(get(port, "/ready").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(port, "/ready").statusCode()).isEqualTo(200);
            assertThat(post(port, "{\"action\":\"activate\",\"reason\":\"x\"}", null).statusCode()).isEqualTo(401);
            assertThat(post(port, "{\"action\":\"activate\",\"reason\":\"x\"}", "s3cres").statusCode()).isEqualTo(401);
            assertThat(post(port, "{\"action\":\"activate\",\"reason\":\"x\"}", "s3cret ".repeat(2)).statusCode())
                    .isEqualTo(401);
            assertThat(ks.active()).isFalse();
            // the scheme's case does not matter (RFC 9110), as on the console
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/killswitch"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"deactivate\",\"reason\":\"x\"}"))
                    .header("Authorization", "bearer s3cret").build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            assertThat(post(port, "{\"action\":\"activate\",\"reason\":\"drill\"}", "s3cret").body())
                    .contains("\"active\":true", "\"reason\":\"drill\"");
            assertThat(ks.state().reason()).isEqualTo("drill");
            assertThat(get(port, "/metrics").body()).contains("stratagem_kill_switch_active 1.0");
            assertThat(post(port, "{\"action\":\"pause\"}", "s3cret").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void a_bad_request_is_a_400_problem_naming_the_field_and_nothing_ends_in_a_bare_500() throws Exception {
        RuntimeMetrics metrics = new RuntimeMetrics(engine, () -> 0);
        try (OpsServer server = OpsServer.start(vertx, "127.0.0.1", 0, metrics, engine, () -> true, "s3cret")) {
            int port = server.port();
            Map<String, String> killSwitch = new LinkedHashMap<>();   // body -> what the detail names
            killSwitch.put("garbage", "not valid JSON");
            killSwitch.put("{'action':'activate','reason':'x','flatten':'maybe'}", "field 'flatten'");
            killSwitch.put("{'action':'activate','reason':123}", "field 'reason'");
            killSwitch.put("{'action':'activate','reason':{'a':1}}", "field 'reason'");
            killSwitch.put("{'action':7}", "field 'action'");
            killSwitch.put("{'action':'activate','reason':'x','why':1}", "unknown field 'why'");
            killSwitch.put("{'action':'activate','reason':'x'}{'action':'deactivate'}",
                    "not valid JSON: Trailing token");
            killSwitch.put("{'action':'activate','reason':'x'} and more", "not valid JSON");
            killSwitch.put("{'action':'activate','reason':'x','action':'deactivate'}", "Duplicate field 'action'");
            Map<String, String> reset = new LinkedHashMap<>();
            reset.put("[1]", "must be a JSON object");
            reset.put("{'scope':null,'reason':'x'}", "scope is required");
            reset.put("{'scope':'sma','reason':['x']}", "field 'reason'");
            reset.put("{'scope':'sma','reason':'x','actor':false}", "field 'actor'");
            reset.put("{'scope':'sma','reason':'a\\u0000b'}", "field 'reason' holds a control character (U+0000) at 1");
            reset.put("{'scope':'sma','reason':'forged\\nINFO line'}", "(U+000A) at 6");
            reset.put("[".repeat(1_500) + "]".repeat(1_500), "nested too deeply");
            killSwitch.forEach((body, detail) -> assertProblem(send(port, "/killswitch", JSON, body), 400, detail));
            reset.forEach((body, detail) -> assertProblem(send(port, "/risk/reset", JSON, body), 400, detail));

            assertProblem(send(port, "/killswitch", "application/x-www-form-urlencoded", "action=activate&reason=x"),
                    415, "application/json");
            assertProblem(send(port, "/risk/reset", JSON, "{'reason':'" + "x".repeat(20_000) + "'}"), 413, "larger");
            assertProblem(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/risk/reset"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3,
                            '(', '"', '}'}))
                    .header("Content-Type", JSON).header("Authorization", "Bearer s3cret").build(),
                    HttpResponse.BodyHandlers.ofString()), 400, "not UTF-8 text");
            assertProblem(get(port, "/no-such-thing"), 404, "no such resource");
            assertProblem(send(port, "/health", JSON, "{}"), 405, "does not accept that method");
            assertProblem(post(port, "{\"action\":\"activate\",\"reason\":\"x\"}", "wrong"), 401, "bearer token");
            assertThat(ks.active()).isFalse();

            metrics.collectComponents(() -> {
                throw new IllegalStateException("a broken source of running strategies");
            });
            assertProblem(get(port, "/metrics"), 500, "the server failed");
        }
    }

    private static void assertProblem(HttpResponse<String> res, int status, String detail) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(res.body());
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).contains(detail);
        assertThat(res.body()).doesNotContain("Exception", "at dev.stratagem", "Source:", "REDACTED");
    }
}
