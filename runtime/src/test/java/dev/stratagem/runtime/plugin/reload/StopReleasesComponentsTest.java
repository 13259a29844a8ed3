package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strategy stopped for good closes its components then, not when the runtime shuts down, and hot reload leaves
 * it out: a new version of its plugin is swapped into the strategies still running and builds nothing for it.
 */
class StopReleasesComponentsTest {

    @TempDir
    Path tmp;

    @Test
    void a_stopped_strategy_s_composer_is_closed_at_the_stop_and_a_new_jar_leaves_it_out() throws Exception {
        Path plugins = ReloadFixture.pluginsWithV1(tmp);
        Path closedLog = ReloadFixture.probeClosedLog(tmp);
        ReloadFixture.Events events = new ReloadFixture.Events();
        Kernel kernel = ReloadFixture.kernel(tmp, HotReloadEndToEndTest.runFile(tmp, 86_400_000.0 / 3), plugins,
                tmp.resolve("history"), events);
        try {
            HotReloadEndToEndTest.awaitRecorded(kernel, 400); // s has run ~200 cycles, past the reload warm-up
            // the reload path's warm-up closes the copies it replayed 50 contexts on: those lines say 50 or fewer
            assertThat(closes(closedLog)).noneMatch(line -> composes(line) > 100);

            assertThat(kernel.stop("s").state()).isEqualTo("STOPPED");
            List<String> closed = closes(closedLog);
            assertThat(closed).as("the running instance, closed by the stop on the reload thread")
                    .anyMatch(line -> composes(line) > 100 && line.endsWith(" on plugin-reload"));

            ReloadFixture.drop(ReloadFixture.jar("reload-v2"), plugins, "reload-probe.jar");
            ReloadEvent v2 = events.next(HotReloadEndToEndTest.WAIT);
            assertThat(v2.strategies()).as(v2.reason()).doesNotContain("s");
            HotReloadEndToEndTest.awaitRecorded(kernel, kernel.recorded() + 20); // t goes on
            assertThat(closes(closedLog)).as("nothing built for s, so nothing more closed").isEqualTo(closed);
        } finally {
            kernel.shutdown("test over");
            System.clearProperty(ReloadFixture.CLOSED_LOG);
        }
    }

    private static long composes(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("composes=(\\d+)").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static List<String> closes(Path closedLog) {
        try {
            return Files.exists(closedLog) ? Files.readAllLines(closedLog) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
