package dev.stratagem.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.StageTimings;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.ops.OpsServer;
import dev.stratagem.runtime.ops.RuntimeMetrics;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratagem risk status|reset} against a real ops endpoint over a real risk engine. */
class RiskCommandTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cli = StratagemCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static CycleRecord cycle(long seq, double equity) {
        PortfolioView v = new PortfolioView(seq * 86_400_000L, equity, equity, 0, 0, 0, 0, List.of(),
                new Constraints(INF, INF, INF, INF, Integer.MAX_VALUE, true));
        return new CycleRecord("c-" + seq, "r1", "sma", seq, v.ts(), CycleStatus.IDLE, List.of(), null, null,
                List.of(), List.of(), List.of(), v, new StageTimings(new long[CycleStep.values().length]), null);
    }

    @Test
    void says_in_one_line_that_no_runtime_runs() {
        String db = tmp.resolve("none").toString();
        assertThat(run("risk", "status", "--db", db)).isEqualTo(1);
        assertThat(run("risk", "reset", "sma", "--reason", "x", "--db", db)).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(2)
                .allSatisfy(l -> assertThat(l).startsWith("no runtime is running on this database"));
    }

    @Test
    void shows_the_halted_breaker_with_its_cause_and_resets_it_in_the_running_runtime() throws Exception {
        Path db = tmp.resolve("h");
        Vertx vertx = Vertx.vertx();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            RiskSettings settings = new RiskSettings(BreakerLimits.OFF, Map.of(),
                    new BreakerLimits(0.3, 0.3, 0.3, 0.9, 0.9, 0.9, 0), PortfolioLimits.NONE, Map.of(), VarLimit.NONE);
            RiskEngine engine = new RiskEngine(settings, new KillSwitch(null), new RiskStore(store));
            engine.register("sma", "r1", 10_000);
            engine.observe(cycle(1, 10_000));
            engine.observe(cycle(2, 6_000));
            try (OpsServer server = OpsServer.start(vertx, "127.0.0.1", 0, new RuntimeMetrics(engine, () -> 0), engine,
                    () -> true, "")) {
                Files.writeString(tmp.resolve("h.ops-port"), Integer.toString(server.port()));

                assertThat(run("risk", "status", "--db", db.toString())).isZero();
                assertThat(out.toString()).containsPattern("sma\\s+HALTED\\s+ACTIVE -> HALTED at .*drawdown 40.00%")
                        .containsPattern("portfolio\\s+ACTIVE\\s+-").contains("kill switch inactive");

                assertThat(run("risk", "reset", "sma", "--db", db.toString())).isEqualTo(2);
                assertThat(err.toString()).contains("--reason");
                assertThat(run("risk", "reset", "nope", "--reason", "x", "--db", db.toString())).isEqualTo(2);
                assertThat(err.toString()).contains("no strategy 'nope'");

                assertThat(run("risk", "reset", "sma", "--reason", "feed checked", "--db", db.toString())).isZero();
                assertThat(out.toString()).contains("breaker sma reset to ACTIVE: HALTED -> ACTIVE",
                        "reset: feed checked (by cli)");
                assertThat(engine.states()).containsEntry("sma", BreakerState.ACTIVE);
                assertThat(run("risk", "reset", "portfolio", "--reason", "x", "--db", db.toString())).isZero();
                assertThat(out.toString()).contains("breaker portfolio is ACTIVE: nothing to reset");
            }
            assertThat(new RiskStore(store).transitions("sma")).extracting(BreakerTransition::cause).last()
                    .isEqualTo("reset: feed checked (by cli)");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_refused_token_says_which_variable_holds_it() throws Exception {
        Path db = tmp.resolve("h");
        Vertx vertx = Vertx.vertx();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            RiskEngine engine = new RiskEngine(RiskSettings.NONE, new KillSwitch(null), new RiskStore(store));
            engine.register("sma", "r1", 10_000);
            try (OpsServer server = OpsServer.start(vertx, "127.0.0.1", 0, new RuntimeMetrics(engine, () -> 0), engine,
                    () -> true, "s3cret")) {
                Files.writeString(tmp.resolve("h.ops-port"), Integer.toString(server.port()));

                assertThat(run("risk", "reset", "sma", "--reason", "x", "--db", db.toString())).isEqualTo(2);
                assertThat(err.toString()).contains("(401)", "set STRATAGEM_OPS_APITOKEN to its ops token");
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
