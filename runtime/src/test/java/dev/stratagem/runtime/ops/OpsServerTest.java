package dev.stratagem.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.RiskSettings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/killswitch"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serves_metrics_health_readiness_and_the_kill_switch_behind_a_token() throws Exception {
        Vertx vertx = Vertx.vertx();
        KillSwitch ks = new KillSwitch(null);
        RiskEngine engine = new RiskEngine(RiskSettings.NONE, ks, null);
        engine.register("sma", "r", 1000);
        RuntimeMetrics metrics = new RuntimeMetrics(engine, () -> 3);
        metrics.listenerFor("sma");
        AtomicBoolean ready = new AtomicBoolean();
        try (OpsServer server = OpsServer.start(vertx, "127.0.0.1", 0, metrics, engine, ready::get, "s3cret")) {
            int port = server.port();
            String scrape = get(port, "/metrics").body();
            assertThat(scrape).contains("stratagem_kill_switch_active 0.0", "stratagem_history_queue_depth 3.0",
                    "stratagem_breaker_state{scope=\"sma\"} 0.0", "stratagem_breaker_state{scope=\"portfolio\"} 0.0",
                    "stratagem_portfolio_equity 1000.0", "stratagem_cycles_total{strategy=\"sma\"}",
                    "stratagem_cycle_latency_seconds_bucket");
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            assertThat(get(port, "/ready").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(port, "/ready").statusCode()).isEqualTo(200);
            assertThat(post(port, "{\"action\":\"activate\",\"reason\":\"x\"}", null).statusCode()).isEqualTo(401);
            assertThat(ks.active()).isFalse();
            assertThat(post(port, "{\"action\":\"activate\",\"reason\":\"drill\"}", "s3cret").body())
                    .contains("\"active\":true", "\"reason\":\"drill\"");
            assertThat(ks.state().reason()).isEqualTo("drill");
            assertThat(get(port, "/metrics").body()).contains("stratagem_kill_switch_active 1.0");
            assertThat(post(port, "{\"action\":\"pause\"}", "s3cret").statusCode()).isEqualTo(400);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
