package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Kernel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strategy stopped for good closes its components then, not when the runtime shuts down, and hot reload leaves
 * it out: a new version of its plugin builds nothing for it. Strategy s runs reload-probe 1.0.0, which logs each
 * instance's close with the cycles it composed; the reload path's warm-up copies replay 50 contexts, so a line
 * of more than 100 is the instance s ran.
 */
class StopReleasesComponentsTest {

    private static final Pattern COMPOSES = Pattern.compile("composes=(\\d+)");

    @TempDir
    Path tmp;

    private Path plugins;
    private Path closedLog;
    private final ReloadFixture.Events events = new ReloadFixture.Events();
    private Kernel kernel;

    @BeforeEach
    void start() throws IOException {
        plugins = ReloadFixture.pluginsWithV1(tmp);
        closedLog = ReloadFixture.probeClosedLog(tmp);
        kernel = ReloadFixture.kernel(tmp, HotReloadEndToEndTest.runFile(tmp, 86_400_000.0 / 3), plugins,
                tmp.resolve("history"), events);
        HotReloadEndToEndTest.awaitRecorded(kernel, 400); // s has run ~200 cycles, past the reload warm-up
    }

    @AfterEach
    void shutdown() {
        kernel.shutdown("test over");
        System.clearProperty(ReloadFixture.CLOSED_LOG);
    }

    @Test
    void a_stopped_strategy_s_composer_is_closed_at_the_stop_and_a_new_jar_leaves_it_out() throws Exception {
        assertThat(closes()).noneMatch(line -> composes(line) > 100);

        assertThat(kernel.stop("s").state()).isEqualTo("STOPPED");
        List<String> closed = closes();
        assertThat(closed).as("the running instance, closed by the stop on the reload thread")
                .anyMatch(StopReleasesComponentsTest::ranByS);

        ReloadFixture.drop(ReloadFixture.jar("reload-v2"), plugins, "reload-probe.jar");
        ReloadEvent v2 = events.next(HotReloadEndToEndTest.WAIT);
        assertThat(v2.strategies()).as(v2.reason()).doesNotContain("s");
        HotReloadEndToEndTest.awaitRecorded(kernel, kernel.recorded() + 20); // t goes on
        assertThat(closes()).as("nothing built for s, so nothing more closed").isEqualTo(closed);
    }

    @Test
    void a_paused_strategy_stopped_with_a_version_pending_closes_the_one_it_ran_too() throws Exception {
        assertThat(kernel.pause("s").state()).isEqualTo("PAUSED");
        // a paused strategy runs no cycle, so 2.0.0 waits in its slot; hot reload's view of s moves to 2.0.0
        ReloadFixture.drop(ReloadFixture.jar("reload-v2"), plugins, "reload-probe.jar");
        assertThat(events.next(HotReloadEndToEndTest.WAIT).reason()).contains("swap still pending");

        kernel.stop("s");
        assertThat(closes()).as("the 1.0.0 instance s ran until its pause, inside the kill switch's wrapper")
                .anyMatch(StopReleasesComponentsTest::ranByS);
    }

    private static boolean ranByS(String line) {
        return composes(line) > 100 && line.endsWith(" on plugin-reload");
    }

    private static long composes(String line) {
        Matcher m = COMPOSES.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private List<String> closes() {
        return ReloadFixture.closedLines(closedLog);
    }
}
