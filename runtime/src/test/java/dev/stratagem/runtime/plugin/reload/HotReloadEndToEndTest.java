package dev.stratagem.runtime.plugin.reload;

import static dev.stratagem.runtime.plugin.reload.ReloadFixture.http;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.cli.StratagemCommand;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.Await;
import dev.stratagem.runtime.web.ConsoleOptions;
import dev.stratagem.runtime.web.ConsoleServer;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.HistoryControlPlane;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import dev.stratagem.runtime.web.auth.TokenStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3, item 7, with the jars the reactor built: strategy S paper-trades on reload-probe 1.0.0 beside an
 * SMA strategy; 2.0.0 is dropped in and takes over at a cycle boundary with the count and the position intact,
 * and the replaced 1.0.0 composer is closed once it runs no more; a v3 that throws, a jar without extensions, a
 * truncated jar and a bad manifest are each refused with the reason recorded while 2.0.0 keeps running; {@code stratagem plugins rollback --to 1.0.0}, through the console
 * API served on the kernel's Vert.x with the token from its file, brings 1.0.0 back.
 */
class HotReloadEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void swaps_refuses_and_rolls_back_real_jars_without_losing_a_cycle() throws Exception {
        Path plugins = ReloadFixture.pluginsWithV1(tmp);
        Path closedLog = ReloadFixture.probeClosedLog(tmp);
        Path runFile = runFile(tmp, 86_400_000.0 / 3);
        Path db = tmp.resolve("history");
        ReloadFixture.Events events = new ReloadFixture.Events();
        Kernel kernel = ReloadFixture.kernel(tmp, runFile, plugins, db, events);
        JdbiHistoryStore store = JdbiHistoryStore.openFile(db);
        ConsoleToken token = TokenStore.loadOrCreate(db.toAbsolutePath().getParent());
        try {
            awaitRecorded(kernel, 200);
            ReloadFixture.drop(ReloadFixture.jar("reload-v2"), plugins, "reload-probe.jar");
            ReloadEvent v2 = events.next(WAIT);
            assertThat(v2.outcome()).as(v2.reason()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(v2.oldVersion()).isEqualTo("1.0.0");
            assertThat(v2.newVersion()).isEqualTo("2.0.0");
            assertThat(v2.strategies()).containsExactly("s");
            // the 1.0.0 instance that ran the strategy's cycles is closed once it runs no more, on the unloading
            // thread after the swap (the instances the reload path warmed up on are closed on the reload thread)
            Await.until(() -> retiredClose(closedLog).isPresent(), WAIT, "the replaced composer's close");
            assertThat(retiredClose(closedLog).orElseThrow()).startsWith("1.0.0 closed composes=");

            List<String> refusals = new ArrayList<>();
            Path v2jar = ReloadFixture.jar("reload-v2");
            for (Path broken : List.of(ReloadFixture.jar("reload-v3-broken"),
                    ReloadFixture.rewritten(v2jar, tmp.resolve("noext.jar"), n -> n.endsWith("extensions.idx"), a -> { }),
                    ReloadFixture.truncated(v2jar, tmp.resolve("truncated.jar")),
                    corruptClass(v2jar, tmp.resolve("badclass.jar")),
                    ReloadFixture.rewritten(v2jar, tmp.resolve("badmf.jar"), n -> false, a -> a.remove(
                            new java.util.jar.Attributes.Name("Plugin-Id"))))) {
                ReloadFixture.drop(broken, plugins, "reload-probe.jar");
                ReloadEvent e = events.next(WAIT);
                assertThat(e.outcome()).as(e.reason()).isEqualTo(ReloadEvent.REFUSED);
                assertThat(e.oldVersion()).as("the version that keeps running, also for a jar that does not open")
                        .isEqualTo("2.0.0");
                refusals.add(e.reason());
            }
            assertThat(refusals.get(0)).contains("composer threw on replay").contains("broken on purpose");
            assertThat(refusals.get(1)).contains("has no extensions");
            assertThat(refusals.get(2)).contains("does not open as a jar");
            assertThat(refusals.get(3)).contains("a class of the jar cannot be loaded: java.lang.ClassFormatError")
                    .contains("ReloadProbeV2Composer");
            assertThat(refusals.get(4)).contains("bad manifest: no Plugin-Id");
            assertThat(kernel.plugins().list()).filteredOn(p -> p.pluginId().equals("reload-probe"))
                    .singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("2.0.0"));

            ConsoleServer console = ConsoleServer.start(kernel.vertx(), ConsoleOptions.loopback(0),
                    new ConsoleSources(store, HistoryControlPlane.over(store), List::of, kernel.plugins()), token)
                    .await(10, TimeUnit.SECONDS);
            String api = "http://127.0.0.1:" + console.port();
            assertThat(cli("plugins", "rollback", "reload-probe", "--to", "1.0.0", "--api", api, "--db",
                    tmp.resolve("elsewhere").resolve("history").toString())).as("no token: refused").isEqualTo(2);
            assertThat(cli("plugins", "rollback", "reload-probe", "--to", "1.0.0", "--api", api, "--db", db.toString()))
                    .as("the token read from console.token beside --db").isZero();
            ReloadEvent back = events.next(WAIT);
            assertThat(back.outcome()).as(back.reason()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(back.trigger()).isEqualTo("ROLLBACK");
            assertThat(back.newVersion()).isEqualTo("1.0.0");
            assertThat(cli("plugins", "history", "reload-probe", "--api", api)).isZero();
            assertThat(cli("plugins", "list", "--api", api)).isZero();
            assertThat(kernel.plugins().history("reload-probe")).extracting(ReloadEvent::outcome)
                    .startsWith("SWAPPED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "SWAPPED");

            HttpResponse<String> live = http(api, "GET", "/api/plugins", null, null);
            assertThat(JSON.readTree(live.body()).findValuesAsText("pluginId")).contains("reload-probe");
            assertThat(live.body()).contains("\"strategies\":[\"s: RUNNING\"]");
            String corrupt = JarDescriptor.read(tmp.resolve("badclass.jar")).sha256().substring(0, 12);
            assertThat(live.body()).as("a refused build is no rollback target").doesNotContain(corrupt);
            HttpResponse<String> history = http(api, "GET", "/api/plugins/reload-probe/history", null, null);
            assertThat(JSON.readTree(history.body()).get(0).path("trigger").asText()).isEqualTo("ROLLBACK");
            HttpResponse<String> unknown = http(api, "POST", "/api/plugins/reload-probe/rollback", "{\"to\":\"9.9.9\"}",
                    token.value());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(unknown.body()).contains("no stored version '9.9.9'");
            HttpResponse<String> reload = http(api, "POST", "/api/plugins/reload-probe/reload", null, token.value());
            assertThat(reload.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(reload.body()).path("outcome").asText()).as(reload.body())
                    .isEqualTo(ReloadEvent.REFUSED); // plugins/ still holds the jar with the bad manifest
            assertThat(events.next(WAIT).trigger()).isEqualTo("RELOAD");
            assertThat(http(api, "POST", "/api/plugins/nope/reload", null, token.value()).statusCode()).isEqualTo(404);
            awaitRecorded(kernel, kernel.recorded() + 40);
        } finally {
            kernel.shutdown("test over");
            store.close();
            System.clearProperty(ReloadFixture.CLOSED_LOG);
        }
        assertVersionsRanInOrder(db);
    }

    /** @return a copy of the v2 jar whose composer's class file is not one: the JVM refuses to define it */
    private static Path corruptClass(Path v2jar, Path out) throws java.io.IOException {
        byte[] garbage = new byte[100];
        new java.util.Random(7).nextBytes(garbage);
        return ReloadFixture.rewritten(v2jar, out,
                (name, bytes) -> name.endsWith("ReloadProbeV2Composer.class") ? garbage : bytes, a -> { });
    }

    /** @return the line the 1.0.0 composer that ran the strategy wrote when it was closed, if it has been */
    private static Optional<String> retiredClose(Path closedLog) {
        return ReloadFixture.closedLines(closedLog).stream().filter(l -> l.endsWith(" on plugin-unload")).findFirst();
    }

    private static void assertVersionsRanInOrder(Path db) {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            RunRow s = store.runs().stream().filter(r -> r.strategyId().equals("s")).findFirst().orElseThrow();
            List<CycleRow> cycles = store.cycles(s.runId(), 100_000);
            List<String> blocks = new ArrayList<>();
            long lastComposesV1 = -1;
            for (int i = 0; i < cycles.size(); i++) {
                assertThat(cycles.get(i).sequence()).isEqualTo(i + 1);
                CycleRecord r = store.cycle(cycles.get(i).composeId()).orElseThrow();
                String version = r.versions().stream().filter(v -> v.role().equals("composer"))
                        .map(ComponentVersion::version).findFirst().orElseThrow();
                if (blocks.isEmpty() || !blocks.getLast().equals(version)) {
                    if (version.equals("2.0.0") && r.decision() != null) {
                        // state handoff: the count goes on, and the position bought by 1.0.0 is still there
                        assertThat(r.decision().rationale()).isEqualTo("2.0.0 composes=" + (lastComposesV1 + 1)
                                + " held=10.0");
                    }
                    blocks.add(version);
                }
                if (version.equals("1.0.0") && r.decision() != null && blocks.size() == 1) {
                    lastComposesV1 = Long.parseLong(r.decision().rationale().replaceAll(".*composes=(\\d+).*", "$1"));
                }
            }
            assertThat(blocks).containsExactly("1.0.0", "2.0.0", "1.0.0");
        }
    }

    private static int cli(String... args) {
        return StratagemCommand.commandLine().execute(args);
    }

    static void awaitRecorded(Kernel kernel, long cycles) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (kernel.recorded() < cycles) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + kernel.recorded() + " cycles recorded, waited for " + cycles);
            }
            Thread.onSpinWait();
        }
    }

    static Path runFile(Path dir, double speed) throws IOException {
        return ReloadFixture.runFile(dir, speed, "s", "close", "reload-probe", true);
    }
}
