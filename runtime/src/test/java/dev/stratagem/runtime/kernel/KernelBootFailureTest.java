package dev.stratagem.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.testing.RunFiles;
import dev.stratagem.runtime.testing.TestPaths;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel that cannot start says why and leaves nothing running: its history writer stopped, its database closed; and
 * one whose control endpoints cannot listen does not trade.
 */
class KernelBootFailureTest {

    @TempDir
    Path tmp;

    @Test
    void a_stored_breaker_state_that_cannot_be_read_fails_the_start_naming_it_and_leaves_nothing_running()
            throws Exception {
        Path runFile = RunFiles.write(tmp, 0);
        Path db = tmp.resolve("history");
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            store.jdbi().useHandle(h -> h.execute("INSERT INTO portfolio_breaker_states (update_no, sleeves, ts, state,"
                    + " paused_cycles, recorded_at, sleeve_equities) VALUES (7, 'sma-a=r1;sma-b=r2', 0, 'ACTIVE', 0, 0,"
                    + " '100000.0;abc')"));
        }
        long writers = historyWriters();

        assertThatThrownBy(() -> Kernel.start(runFile, RunConfig.load(runFile).withSpeed(0.0), TestPaths.plugins(), db,
                new KernelOptions(Map.of(), Map.of("ops.http.port", "0"), false)))
                .hasMessageContaining("portfolio_breaker_states.sleeve_equities of update 7")
                .hasMessageContaining("'100000.0;abc' (item 2)");

        assertThat(historyWriters()).as("the history writer's thread, not a daemon, stopped").isEqualTo(writers);
        try (JdbiHistoryStore again = JdbiHistoryStore.openFile(db)) {   // the file is no longer held
            String stored = again.jdbi().withHandle(h -> h.createQuery("SELECT sleeve_equities FROM"
                    + " portfolio_breaker_states").mapTo(String.class).one());
            assertThat(stored).as("left as it was, for the operator to see").isEqualTo("100000.0;abc");
        }
    }

    @Test
    void an_ops_port_another_process_holds_fails_the_start_before_the_first_bar_naming_it() throws Exception {
        Path runFile = RunFiles.write(tmp, 0);
        Path db = tmp.resolve("history");
        long writers = historyWriters();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Kernel.start(runFile, RunConfig.load(runFile).withSpeed(0.0), TestPaths.plugins(),
                    db, new KernelOptions(Map.of(), Map.of("ops.http.host", "127.0.0.1", "ops.http.port",
                            Integer.toString(taken.getLocalPort())), false)))
                    .hasMessageContaining("the ops endpoints (kill switch, metrics, health) cannot listen on 127.0.0.1:"
                            + taken.getLocalPort())
                    .hasMessageContaining("set ops.http.port to a free port");
        }

        assertThat(historyWriters()).isEqualTo(writers);
        try (JdbiHistoryStore again = JdbiHistoryStore.openFile(db)) {
            assertThat(cycles(again)).as("no bar was traded").isZero();
        }
    }

    @Test
    void what_must_be_up_before_the_feed_failing_fails_the_start_and_nothing_trades() throws Exception {
        Path runFile = RunFiles.write(tmp, 0);
        Path db = tmp.resolve("history");
        KernelOptions options = new KernelOptions(Map.of(), Map.of("ops.http.port", "0"), false)
                .withBeforeFeed(kernel -> {
                    throw new IllegalStateException("the console cannot listen on 127.0.0.1:8080");
                });

        assertThatThrownBy(() -> Kernel.start(runFile, RunConfig.load(runFile).withSpeed(0.0), TestPaths.plugins(),
                db, options)).hasMessage("the console cannot listen on 127.0.0.1:8080");

        try (JdbiHistoryStore again = JdbiHistoryStore.openFile(db)) {
            assertThat(cycles(again)).as("no bar was traded").isZero();
        }
    }

    private static long cycles(JdbiHistoryStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cycles").mapTo(Long.class).one());
    }

    private static long historyWriters() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("stratagem-history-writer")).count();
    }
}
