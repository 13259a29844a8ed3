package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.runtime.history.ReloadEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed script builds a new version off the strategy's thread, is validated against the recorded
 * contexts, and swaps in at the next cycle with the old version's state; a broken one is refused with the
 * reason and the old one keeps running.
 */
class ScriptReloaderTest {

    @TempDir
    Path tmp;

    private ScriptComposer copyOf(String example) throws IOException {
        Path source = ScriptStrategies.scripts().resolve(example);
        Path folder = Files.createDirectories(tmp.resolve(source.getFileName()));
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        ScriptCatalog catalog = new ScriptCatalog(List.of(tmp), new ScriptSettings(Duration.ofMillis(50), 3, 5), null);
        return (ScriptComposer) catalog.composer(folder.toString(), Map.of("every", 2), List.of("close")).component();
    }

    /** @return a JavaScript composer in a new folder {@code name}, whose features are the close */
    private ScriptComposer composer(String name, String source) {
        Path folder = ScriptFolders.write(tmp, name, ScriptLanguage.JS, source);
        ScriptCatalog catalog = new ScriptCatalog(List.of(tmp), new ScriptSettings(Duration.ofMillis(500), 3, 5), null);
        return (ScriptComposer) catalog.composer(folder.toString(), Map.of(), List.of("close")).component();
    }

    private static Path entry(ScriptComposer c) {
        return ScriptManifest.load(c.recipe().folder()).entry();
    }

    private static void edit(Path file, String from, String to) throws IOException {
        Files.writeString(file, Files.readString(file).replace(from, to));
    }

    @Test
    void a_new_js_version_swaps_in_at_the_next_cycle_with_the_old_state_and_a_broken_one_is_refused() throws Exception {
        ScriptComposer c = copyOf("js/stateful-counter");
        for (long seq = 1; seq <= 5; seq++) {
            c.compose(ScriptSandboxTest.context(seq));
        }
        String v1 = c.version().sha256();
        edit(entry(c), "\"bar \" + bars;", "\"v2 bar \" + bars;");
        try (ScriptReloader reloader = new ScriptReloader(c)) {
            ReloadOutcome ok = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(ok.accepted()).as(ok.reason()).isTrue();
            assertThat(ok.replayed()).isEqualTo(5);
            assertThat(ok.newSha256()).hasSize(12).isNotEqualTo(v1);
            assertThat(c.version().sha256()).isEqualTo(v1);
            assertThat(c.compose(ScriptSandboxTest.context(6)).rationale()).isEqualTo("bar 6: buy");
            assertThat(c.compose(ScriptSandboxTest.context(7)).rationale()).isEqualTo("v2 bar 7");
            assertThat(c.version().sha256()).isEqualTo(ok.newSha256());
            assertThat(c.version().source()).startsWith("script:");

            edit(entry(c), "bars += 1;", "bars += ;");
            ReloadOutcome broken = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(broken.accepted()).isFalse();
            assertThat(broken.reason()).contains("stateful_counter.js:13:");

            edit(entry(c), "bars += ;", "bars += 1; if (api.ts > 0) throw new Error('boom');");
            ReloadOutcome throwing = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(throwing.accepted()).isFalse();
            assertThat(throwing.reason()).contains("stateful_counter.js:13:").contains("boom");

            assertThat(c.compose(ScriptSandboxTest.context(8)).rationale()).isEqualTo("bar 8: buy");
            assertThat(c.compose(ScriptSandboxTest.context(9)).rationale()).isEqualTo("v2 bar 9");
            assertThat(c.status().reloads()).isEqualTo(1);
        }
        c.close();
    }

    @Test
    void saving_a_python_script_reloads_it_through_the_watcher_with_its_state() throws Exception {
        ScriptComposer c = copyOf("python/stateful-counter");
        for (long seq = 1; seq <= 3; seq++) {
            c.compose(ScriptSandboxTest.context(seq));
        }
        BlockingQueue<ReloadOutcome> outcomes = new LinkedBlockingQueue<>();
        try (ScriptWatcher watcher = new ScriptWatcher(c, outcomes::add)) {
            edit(entry(c), "return \"bar %d\" % bars", "return \"py2 bar %d\" % bars");
            ReloadOutcome outcome = outcomes.poll(60, TimeUnit.SECONDS);
            assertThat(outcome).isNotNull();
            assertThat(outcome.accepted()).as(outcome.reason()).isTrue();
            assertThat(c.compose(ScriptSandboxTest.context(4)).rationale()).isEqualTo("bar 4: buy");
            assertThat(c.compose(ScriptSandboxTest.context(5)).rationale()).isEqualTo("py2 bar 5");
        }
        c.close();
    }

    @Test
    void a_swap_after_the_wait_is_reported_when_it_ends_and_only_a_version_that_served_is_kept() throws Exception {
        ScriptComposer c = composer("late",
                "function compose(f, api) { return \"v1\"; }\nfunction save() { return \"s\"; }\n");
        Path entry = c.recipe().folder().resolve("main.js");
        c.compose(ScriptSandboxTest.context(1));
        BlockingQueue<ReloadOutcome> settled = new LinkedBlockingQueue<>();
        try (ScriptReloader reloader = new ScriptReloader(c, Duration.ofMillis(50), settled::add, List.of())) {
            // its init passes at the build (no state) and fails at the swap (the old version's state)
            Files.writeString(entry, "function init(api) { if (api.state !== null) throw new Error('no state');"
                    + " }\nfunction compose(f, api) { return \"v2\"; }\n");
            ReloadOutcome offered = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(offered.accepted()).as(offered.reason()).isTrue();
            assertThat(offered.pending()).isTrue();
            assertThat(reloader.kept()).as("not served yet").hasSize(1);
            assertThat(c.compose(ScriptSandboxTest.context(2)).rationale()).isEqualTo("v1");
            ReloadOutcome refused = settled.poll(30, TimeUnit.SECONDS);
            assertThat(refused).isNotNull();
            assertThat(refused.accepted()).isFalse();
            assertThat(refused.newSha256()).isEqualTo(offered.newSha256());
            assertThat(refused.reason()).startsWith("refused at the swap: ").contains("no state");
            assertThat(reloader.kept()).hasSize(1);
            assertThatThrownBy(() -> reloader.rollback(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no kept version before");

            Files.writeString(entry, "function compose(f, api) { return \"v3\"; }\n");
            ReloadOutcome v3 = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(v3.pending()).isTrue();
            assertThat(c.compose(ScriptSandboxTest.context(3)).rationale()).isEqualTo("v3");
            ReloadOutcome swapped = settled.poll(30, TimeUnit.SECONDS);
            assertThat(swapped).isNotNull();
            assertThat(swapped.accepted()).as(swapped.reason()).isTrue();
            assertThat(swapped.pending()).isFalse();
            assertThat(swapped.newSha256()).isEqualTo(v3.newSha256());
            assertThat(reloader.kept()).hasSize(2).first().asString().endsWith(v3.newSha256());
        }
        c.close();
    }

    @Test
    void a_reload_that_would_build_the_serving_version_is_unchanged_and_the_script_keeps_its_context() throws Exception {
        // a token drawn once per context: the same token, the same context and state
        ScriptComposer c = composer("token",
                "const born = String(Math.random());\nfunction compose(f, api) { return \"v1 \" + born; }\n");
        Path folder = c.recipe().folder();
        Path entry = folder.resolve("main.js");
        String v1 = c.version().sha256();
        String first = c.compose(ScriptSandboxTest.context(1)).rationale();
        try (ScriptReloader reloader = new ScriptReloader(c)) {
            Files.writeString(entry, Files.readString(entry)); // a save without an edit, or a touch
            ReloadOutcome same = reloader.reload().get(30, TimeUnit.SECONDS);
            assertThat(same.outcome()).as(same.reason()).isEqualTo(ReloadEvent.UNCHANGED);
            assertThat(same.accepted()).isFalse();
            assertThat(same.newSha256()).isEqualTo(v1);
            assertThat(same.reason()).contains("same SHA-256");
            assertThat(c.compose(ScriptSandboxTest.context(2)).rationale()).isEqualTo(first);

            // the manifest belongs to the version: a new parameter default rebuilds the same source
            edit(folder.resolve("script.yaml"), "quantity: 10", "quantity: 20");
            assertThat(reloader.reload().get(30, TimeUnit.SECONDS).outcome()).isEqualTo(ScriptHotReload.PENDING);
            String rebuilt = c.compose(ScriptSandboxTest.context(3)).rationale();
            assertThat(rebuilt).startsWith("v1 ").isNotEqualTo(first);

            // while a version waits for its swap, saving the serving one back builds it (it supersedes the wait)
            edit(entry, "\"v1 \"", "\"v2 \"");
            assertThat(reloader.reload().get(30, TimeUnit.SECONDS).outcome()).isEqualTo(ScriptHotReload.PENDING);
            edit(entry, "\"v2 \"", "\"v1 \"");
            assertThat(reloader.reload().get(30, TimeUnit.SECONDS).outcome()).isEqualTo(ScriptHotReload.PENDING);
            assertThat(c.compose(ScriptSandboxTest.context(4)).rationale()).startsWith("v1 ").isNotEqualTo(rebuilt);

            edit(entry, "\"v1 \"", "\"v2 \"");
            assertThat(reloader.reload().get(30, TimeUnit.SECONDS).outcome()).isEqualTo(ScriptHotReload.PENDING);
            assertThat(c.compose(ScriptSandboxTest.context(5)).rationale()).startsWith("v2 ");
            ReloadOutcome back = reloader.rollback(v1).get(30, TimeUnit.SECONDS);
            assertThat(back.outcome()).as("another kept version: " + back.reason()).isEqualTo(ScriptHotReload.PENDING);
            String restored = c.compose(ScriptSandboxTest.context(6)).rationale();
            assertThat(restored).startsWith("v1 ");
            ReloadOutcome again = reloader.rollback(v1).get(30, TimeUnit.SECONDS);
            assertThat(again.outcome()).as("the version serving").isEqualTo(ReloadEvent.UNCHANGED);
            assertThat(c.compose(ScriptSandboxTest.context(7)).rationale()).isEqualTo(restored);
            assertThat(c.status().reloads()).isEqualTo(4);
        }
        c.close();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_version_whose_validation_cannot_be_stopped_is_refused_and_the_next_save_reloads() throws Exception {
        Path folder = ScriptFolders.write(tmp, "stall", ScriptLanguage.PYTHON,
                "def compose(f, api):\n    return 'v1'\n");
        ScriptCatalog catalog = new ScriptCatalog(List.of(tmp),
                new ScriptSettings(Duration.ofMillis(50), 3, 5, Duration.ofMillis(200)), null);
        ScriptComposer c = (ScriptComposer) catalog.composer(folder.toString(), Map.of(), List.of("close")).component();
        for (long seq = 1; seq <= 5; seq++) {
            c.compose(ScriptSandboxTest.context(seq));
        }
        Path entry = folder.resolve("main.py");
        try (ScriptReloader reloader = new ScriptReloader(c)) {
            // the replay's fourth call (past the cold calls' longer budget) sits in a builtin that ignores interrupts
            Files.writeString(entry, """
                    def compose(f, api):
                        if api.ts == 4:
                            sum(range(10 ** 8))
                        return 'v2'
                    """);
            ReloadOutcome stalled = reloader.reload().get(60, TimeUnit.SECONDS);
            assertThat(stalled.accepted()).isFalse();
            assertThat(stalled.reason()).contains("stall (").contains("main.py) compose() ran past its 50 ms budget"
                    + " and did not stop within 200 ms of its interrupt");
            assertThat(c.compose(ScriptSandboxTest.context(6)).rationale()).isEqualTo("v1");

            Files.writeString(entry, "def compose(f, api):\n    return 'v3'\n");
            ReloadOutcome fixed = reloader.reload().get(60, TimeUnit.SECONDS);
            assertThat(fixed.accepted()).as(fixed.reason()).isTrue();
            assertThat(c.compose(ScriptSandboxTest.context(7)).rationale()).isEqualTo("v3");
        }
        c.close();
    }
}
