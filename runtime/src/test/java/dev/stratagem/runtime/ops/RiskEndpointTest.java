package dev.stratagem.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.StageTimings;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.risk.BreakerLimits;
import dev.stratagem.runtime.risk.BreakerState;
import dev.stratagem.runtime.risk.BreakerTransition;
import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.PortfolioLimits;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.RiskSettings;
import dev.stratagem.runtime.risk.RiskStore;
import dev.stratagem.runtime.risk.VarLimit;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /risk}, {@code POST /risk/reset} and {@code GET /portfolio} over a real risk engine and H2. */
class RiskEndpointTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Constraints FREE = new Constraints(INF, INF, INF, INF, Integer.MAX_VALUE, true);
    /** HALTED at a 30% drawdown; nothing else. */
    private static final RiskSettings HALT_AT_30 = new RiskSettings(BreakerLimits.OFF, Map.of(),
            new BreakerLimits(0.3, 0.3, 0.3, 0.9, 0.9, 0.9, 0), PortfolioLimits.NONE, Map.of(), VarLimit.NONE);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private OpsServer serve(RiskEngine engine, String token) throws Exception {
        return OpsServer.start(vertx, "127.0.0.1", 0, new RuntimeMetrics(engine, () -> 0), engine, () -> true, token);
    }

    private HttpResponse<String> get(OpsServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> reset(OpsServer s, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/risk/reset"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static PortfolioView view(long ts, double cash, PositionSnapshot... positions) {
        double equity = cash;
        double gross = 0;
        double net = 0;
        for (PositionSnapshot p : positions) {
            equity += p.quantity() * p.markPrice();
            gross += Math.abs(p.quantity() * p.markPrice());
            net += p.quantity() * p.markPrice();
        }
        return new PortfolioView(ts, cash, equity, gross, net, 0, 0, List.of(positions), FREE);
    }

    private static CycleRecord cycle(String strategy, long seq, PortfolioView after) {
        return new CycleRecord("r-" + seq, "r", strategy, seq, after.ts(), CycleStatus.IDLE, List.of(), null, null,
                List.of(), List.of(), List.of(), after, new StageTimings(new long[CycleStep.values().length]), null);
    }

    private static JsonObject breaker(JsonObject risk, String scope) {
        return risk.getJsonArray("breakers").stream().map(JsonObject.class::cast)
                .filter(b -> b.getString("scope").equals(scope)).findFirst().orElseThrow();
    }

    /** Drives strategy "s" of run "r1" into HALTED with a 40% drawdown. */
    private static RiskEngine halted(JdbiHistoryStore store) {
        RiskEngine engine = new RiskEngine(HALT_AT_30, new KillSwitch(null), new RiskStore(store));
        engine.register("s", "r1", 10_000);
        engine.observe(cycle("s", 1, view(86_400_000L, 10_000)));
        engine.observe(cycle("s", 2, view(2 * 86_400_000L, 6_000)));
        assertThat(engine.states()).containsEntry("s", BreakerState.HALTED);
        return engine;
    }

    @Test
    void a_halted_breaker_is_shown_with_its_cause_and_resets_only_with_the_token_and_a_reason() throws Exception {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("h"))) {
            RiskEngine engine = halted(store);
            try (OpsServer server = serve(engine, "s3cret")) {
                JsonObject risk = new JsonObject(get(server, "/risk").body());
                assertThat(breaker(risk, "s").getString("state")).isEqualTo("HALTED");
                assertThat(breaker(risk, "s").getJsonObject("last").getString("cause"))
                        .contains("drawdown 40.00%", "HALTED");
                assertThat(breaker(risk, "portfolio").getString("state")).isEqualTo("ACTIVE");
                assertThat(risk.getJsonObject("killSwitch").getBoolean("active")).isFalse();

                assertThat(reset(server, "{\"scope\":\"s\",\"reason\":\"checked\"}", null).statusCode()).isEqualTo(401);
                assertThat(reset(server, "{\"scope\":\"s\",\"reason\":\"checked\"}", "wrong").statusCode()).isEqualTo(401);
                HttpResponse<String> noReason = reset(server, "{\"scope\":\"s\"}", "s3cret");
                assertThat(noReason.statusCode()).isEqualTo(400);
                assertThat(noReason.body()).contains("needs a reason");
                HttpResponse<String> unknown = reset(server, "{\"scope\":\"nope\",\"reason\":\"x\"}", "s3cret");
                assertThat(unknown.statusCode()).isEqualTo(400);
                assertThat(unknown.body()).contains("no strategy 'nope'");
                assertThat(reset(server, "not json", "s3cret").statusCode()).isEqualTo(400);
                assertThat(engine.states()).containsEntry("s", BreakerState.HALTED);

                JsonObject done = new JsonObject(reset(server,
                        "{\"scope\":\"s\",\"reason\":\"operator checked the feed\",\"actor\":\"cli\"}", "s3cret").body());
                assertThat(done.getBoolean("changed")).isTrue();
                assertThat(done.getString("state")).isEqualTo("ACTIVE");
                assertThat(done.getJsonObject("last").getString("cause"))
                        .isEqualTo("reset: operator checked the feed (by cli)");
                assertThat(engine.states()).containsEntry("s", BreakerState.ACTIVE);
                JsonObject again = new JsonObject(reset(server, "{\"scope\":\"s\",\"reason\":\"x\"}", "s3cret").body());
                assertThat(again.getBoolean("changed")).isFalse();
            }
            assertThat(new RiskStore(store).transitions("s")).extracting(BreakerTransition::to)
                    .containsExactly(BreakerState.HALTED, BreakerState.ACTIVE);
        }
    }

    @Test
    void a_recorded_manual_reset_survives_a_restart_and_an_unreset_halt_comes_back_halted() throws Exception {
        Path db = tmp.resolve("h");
        PortfolioView atHalt = view(2 * 86_400_000L, 6_000);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            halted(store);
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            RiskEngine restarted = new RiskEngine(HALT_AT_30, new KillSwitch(null), new RiskStore(store));
            restarted.register("s", "r1", 10_000);
            restarted.restore("s", atHalt, atHalt.ts());
            assertThat(restarted.states()).containsEntry("s", BreakerState.HALTED);
            try (OpsServer server = serve(restarted, "")) {
                JsonObject risk = new JsonObject(get(server, "/risk").body());
                assertThat(breaker(risk, "s").getJsonObject("last").getString("cause")).contains("drawdown 40.00%");
                assertThat(reset(server, "{\"scope\":\"s\",\"reason\":\"checked\"}", null).statusCode()).isEqualTo(200);
            }
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            RiskEngine again = new RiskEngine(HALT_AT_30, new KillSwitch(null), new RiskStore(store));
            again.register("s", "r1", 10_000);
            again.restore("s", atHalt, atHalt.ts());
            assertThat(again.states()).containsEntry("s", BreakerState.ACTIVE);
            assertThat(again.lastTransitions().get("s").cause()).isEqualTo("reset: checked (by api)");
            again.observe(cycle("s", 3, view(3 * 86_400_000L, 5_900)));
            assertThat(again.states()).as("the peak restarted at the reset").containsEntry("s", BreakerState.ACTIVE);
        }
    }

    @Test
    void at_a_restart_the_transitions_of_cycles_after_the_last_recorded_one_are_gone_and_a_manual_reset_stays() {
        Path db = tmp.resolve("h");
        long day = 86_400_000L;
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            halted(store);   // HALTED by cycle 2
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            RiskEngine second = restarted(store, view(day, 10_000), day);   // cycle 2 was not kept: it runs again
            assertThat(second.states()).containsEntry("s", BreakerState.ACTIVE);
            second.observe(cycle("s", 2, view(2 * day, 9_000)));   // this time without the 40% drawdown
            second.observe(cycle("s", 3, view(3 * day, 9_000)));
            assertThat(second.states()).containsEntry("s", BreakerState.ACTIVE);
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            RiskEngine third = restarted(store, view(3 * day, 9_000), 3 * day);
            assertThat(third.states()).as("the first run of cycle 2 is not back").containsEntry("s", BreakerState.ACTIVE);
            third.observe(cycle("s", 4, view(4 * day, 5_000)));
            third.observe(cycle("s", 5, view(5 * day, 5_000)));
            assertThat(third.states()).containsEntry("s", BreakerState.HALTED);
            third.reset("s", "checked");   // at the last cycle seen: 5
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            RiskEngine fourth = restarted(store, view(4 * day, 5_000), 4 * day);   // cycle 5 was not kept, the reset was
            assertThat(fourth.states()).containsEntry("s", BreakerState.ACTIVE);
            assertThat(fourth.lastTransitions().get("s").cause()).startsWith("reset: checked");
            assertThat(new RiskStore(store).transitions("s")).extracting(BreakerTransition::to)
                    .containsExactly(BreakerState.HALTED, BreakerState.ACTIVE);
        }
    }

    private static RiskEngine restarted(JdbiHistoryStore store, PortfolioView last, long lastTs) {
        RiskEngine engine = new RiskEngine(HALT_AT_30, new KillSwitch(null), new RiskStore(store));
        engine.register("s", "r1", 10_000);
        engine.restore("s", last, lastTs);
        return engine;
    }

    @Test
    void the_portfolio_view_sums_every_sleeve_and_shows_each() throws Exception {
        RiskEngine engine = new RiskEngine(RiskSettings.NONE, new KillSwitch(null), null);
        engine.register("a", "ra", 10_000);
        engine.register("b", "rb", 5_000);
        engine.register("c", "rc", 1_000);
        engine.observe(cycle("a", 1, view(1, 9_000, new PositionSnapshot("ORCL", 100, 10, 12.5, 250, 1))));
        engine.observe(cycle("b", 1, view(1, 6_000, new PositionSnapshot("ORCL", -40, 25, 25, 0, 1))));
        try (OpsServer server = serve(engine, "")) {
            JsonObject p = new JsonObject(get(server, "/portfolio").body());
            assertThat(p.getDouble("totalEquity")).isEqualTo(9_000 + 1_250 + 6_000 - 1_000 + 1_000);
            assertThat(p.getDouble("totalCapital")).isEqualTo(16_000);
            assertThat(p.getDouble("grossExposure")).isEqualTo(1_250 + 1_000);
            assertThat(p.getDouble("netExposure")).isEqualTo(1_250 - 1_000);
            assertThat(p.getString("breaker")).isEqualTo("ACTIVE");
            JsonArray sleeves = p.getJsonArray("sleeves");
            assertThat(sleeves).hasSize(3);
            JsonObject a = sleeves.getJsonObject(0);
            assertThat(a.getString("strategy")).isEqualTo("a");
            assertThat(a.getString("runId")).isEqualTo("ra");
            assertThat(a.getDouble("equity")).isEqualTo(10_250);
            assertThat(a.getJsonArray("positions").getJsonObject(0).getDouble("value")).isEqualTo(1_250);
            JsonObject c = sleeves.getJsonObject(2);
            assertThat(c.getDouble("equity")).as("no cycle yet: its capital").isEqualTo(1_000);
            assertThat(c.getJsonArray("positions")).isEmpty();
        }
    }
}
