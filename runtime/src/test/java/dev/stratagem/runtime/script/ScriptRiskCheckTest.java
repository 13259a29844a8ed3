package dev.stratagem.runtime.script;

import static dev.stratagem.runtime.script.ScriptReloads.await;
import static dev.stratagem.runtime.script.ScriptReloads.awaitCycles;
import static dev.stratagem.runtime.script.ScriptReloads.count;
import static dev.stratagem.runtime.script.ScriptReloads.events;
import static dev.stratagem.runtime.script.ScriptReloads.save;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.config.RunConfig;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guardrail written as a Python script, hot-reloaded in a running kernel: a saved version that rejects
 * the buys the first one allowed swaps in and the cycles show REJECTED with its reason and its sha; a
 * syntax error is refused with line and column while cycles go on; a rollback lets the buys through again.
 */
class ScriptRiskCheckTest {

    @TempDir
    Path tmp;

    private static final String ALLOW = "def check(api):\n    pass\n";
    private static final String NO_BUYS = """
            def check(api):
                if api.side == "BUY":
                    api.reject("v2 allows no buys")
            """;

    @Test
    void before_any_order_a_new_version_is_validated_on_the_probe_set_and_an_invalid_verdict_is_refused()
            throws Exception {
        Path guard = ScriptReloads.folder(tmp, "js-guard", ScriptLanguage.JS, "roles: [risk]",
                "function check(api) {}\n");
        ScriptCatalog catalog = new ScriptCatalog(List.of(tmp), new ScriptSettings(Duration.ofMillis(500), 3, 5), null);
        ScriptRiskCheck check = (ScriptRiskCheck) catalog.risk(guard.toString(), Map.of()).component();
        Path entry = guard.resolve("main.js");
        try (ScriptReloader reloader = new ScriptReloader(check, Duration.ZERO)) {
            Files.writeString(entry,
                    "function check(api) {\n  if (api.side === 'SELL') throw new Error('no sells');\n}\n");
            ReloadOutcome throwing = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(throwing.accepted()).isFalse();
            assertThat(throwing.reason()).startsWith("checking SELL 1.0 PROBE at 100.0")
                    .containsPattern("main\\.js:2:\\d+")
                    .contains("no sells");

            Files.writeString(entry, "function check(api) {\n  api.clamp(api.quantity * 2, 'more');\n}\n");
            ReloadOutcome upwards = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(upwards.accepted()).isFalse();
            assertThat(upwards.reason()).contains("clamp(2.0) must be positive and at most 1.0");

            Files.writeString(entry, "function check(api) {\n  api.clamp(api.quantity / 2, 'half');\n}\n");
            ReloadOutcome half = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(half.accepted()).as(half.reason()).isTrue();
            assertThat(half.replayed()).isEqualTo(ScriptRiskCheck.PROBES.size());
        } finally {
            check.close();
        }
    }

    @Test
    void a_saved_risk_script_rejects_from_the_next_cycles_a_broken_one_is_refused_and_a_rollback_restores_it()
            throws Exception {
        Path guard = ScriptReloads.folder(tmp, "buy-guard", ScriptLanguage.PYTHON, "roles: [risk]", ALLOW);
        Path buyer = ScriptReloads.folder(tmp, "buyer", ScriptLanguage.JS, "roles: [composer]",
                "function compose(f, api) { api.buy(1); return \"buy 1\"; }\n");
        Path entry = guard.resolve("main.py");
        Path runFile = ScriptReloads.paperRun(tmp, "guarded", buyer, "guardrails: [quantity, \"script:" + guard + "\"]",
                8_640_000);
        Path db = tmp.resolve("history");
        Path aside = tmp.resolve("aside.py");
        String id = "script:" + guard.toAbsolutePath().normalize();

        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), db);
        String v1;
        String v2;
        try {
            awaitCycles(kernel, 20, "first cycles");
            PluginStatus listed = kernel.plugins().list().stream().filter(p -> p.pluginId().equals(id))
                    .findFirst().orElseThrow();
            assertThat(listed.extensions()).containsExactly("risk: buy-guard");
            v1 = listed.sha256();

            save(aside, entry, NO_BUYS);
            await(() -> count(kernel, id, ReloadEvent.SWAPPED) == 1, "v2 swapped");
            ReloadEvent swapped = events(kernel, id).getFirst();
            assertThat(swapped.oldSha256()).isEqualTo(v1);
            assertThat(swapped.strategies()).containsExactly("guarded");
            assertThat(swapped.reason()).startsWith("risk: " + v1 + " -> ").contains("orders");
            v2 = swapped.newSha256();
            awaitCycles(kernel, 20, "cycles on v2");

            save(aside, entry, "def check(api)\n    pass\n");
            await(() -> count(kernel, id, ReloadEvent.REFUSED) == 1, "the syntax error refused");
            ReloadEvent refused = events(kernel, id).getFirst();
            assertThat(refused.reason()).containsPattern("main\\.py:1:\\d+");
            assertThat(refused.oldSha256()).isEqualTo(v2);
            awaitCycles(kernel, 20, "cycles after the refusal");

            ReloadEvent back = kernel.plugins().rollback(id, null);
            assertThat(back.outcome()).as(back.reason()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(back.newSha256()).isEqualTo(v1);
            assertThat(kernel.plugins().history(id)).extracting(ReloadEvent::outcome)
                    .containsExactly("SWAPPED", "REFUSED", "SWAPPED");
            awaitCycles(kernel, 20, "cycles after the rollback");
        } finally {
            kernel.shutdown("test done");
        }

        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            record Ran(long seq, String status, String sha, String verdict, String reason) {}
            List<Ran> ran = store.jdbi().withHandle(h -> h.createQuery("SELECT c.seq, c.status, v.sha256, g.outcome,"
                            + " g.reason FROM cycles c"
                            + " JOIN component_versions v ON v.compose_id = c.compose_id AND v.role = 'risk'"
                            + " JOIN guardrail_verdicts g ON g.compose_id = c.compose_id AND g.check_id = 'buy-guard'"
                            + " ORDER BY c.seq")
                    .map((rs, ctx) -> new Ran(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5))).list());
            assertThat(ran).hasSizeGreaterThan(60);
            List<String> segments = new ArrayList<>();
            for (Ran r : ran) {
                if (r.sha().equals(v2)) {
                    assertThat(r.status()).as("cycle " + r.seq()).isEqualTo("REJECTED");
                    assertThat(r.verdict()).isEqualTo("REJECTED");
                    assertThat(r.reason()).isEqualTo("buy-guard: v2 allows no buys");
                } else {
                    assertThat(r.sha()).isEqualTo(v1);
                    assertThat(r.status()).as("cycle " + r.seq()).isEqualTo("TRADED");
                    assertThat(r.verdict()).isEqualTo("ACCEPTED");
                }
                if (segments.isEmpty() || !segments.getLast().equals(r.sha())) {
                    segments.add(r.sha());
                }
            }
            assertThat(segments).containsExactly(v1, v2, v1);
        }
    }
}
