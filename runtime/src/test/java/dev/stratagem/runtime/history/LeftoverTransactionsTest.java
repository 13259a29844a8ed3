package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history file a killed kernel left with a committed transaction that H2 recovers and never finishes
 * ({@code killed-kernel-locked-row}: a SIGKILLed {@code stratagem run}'s file, 20 MB, gzipped; its last writer batch,
 * cycles 91 to 602 of run {@value #RUN}, was committed and partly applied). Without {@link LeftoverTransactions} the
 * rows of that batch not applied yet are unreadable, and deleting one spins at 100% CPU for ever: the timeouts end
 * such a test (in a thread of its own, as a spinning thread does not answer an interrupt).
 */
class LeftoverTransactionsTest {

    private static final String RUN = "pp-20261122T224100-b46f15";

    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void copyTheKilledKernelsFile() throws IOException {
        db = dir.resolve("killed");
        try (InputStream in = new GZIPInputStream(
                getClass().getResourceAsStream("/history/killed-kernel-locked-row.mv.db.gz"))) {
            Files.copy(in, Path.of(db + ".mv.db"));
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void crash_recovery_can_delete_a_row_the_killed_process_was_committing() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            assertThat(TornCycles.repair(store.jdbi(), RUN)).as("torn cycles deleted").isZero();
            int deleted = store.jdbi().withHandle(h -> h.execute("DELETE FROM portfolio_breaker_states"));
            assertThat(deleted).isEqualTo(1);
        }
    }

    /** An open and a clean close by H2 alone keeps the transaction (and marks the file closed cleanly). */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_file_closed_cleanly_since_the_kill_is_finished_too() throws SQLException {
        try (Connection c = connect("")) {
            assertThat(count(c, "SELECT COUNT(*) FROM portfolio_snapshots")).isEqualTo(318);
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            int deleted = store.jdbi().withHandle(h -> h.execute("DELETE FROM portfolio_breaker_states"));
            assertThat(deleted).isEqualTo(1);
            long snapshots = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM portfolio_snapshots")
                    .mapTo(Long.class).one());
            assertThat(snapshots).isEqualTo(602);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void every_row_the_killed_process_committed_is_readable_and_none_a_read_only_open_shows_is_lost() throws Exception {
        Map<String, Map<String, Integer>> before;
        try (Connection c = connect(";ACCESS_MODE_DATA=r")) {
            before = rows(c);
            assertThat(count(c, "SELECT COUNT(*) FROM cycles")).isEqualTo(602);
            assertThat(count(c, "SELECT COUNT(*) FROM portfolio_snapshots")).as("half applied").isEqualTo(318);
            assertThat(count(c, "SELECT COUNT(*) FROM component_versions")).isEqualTo(270);
            assertThat(count(c, "SELECT MAX(update_no) FROM portfolio_breaker_states")).isEqualTo(90);
        }

        JdbiHistoryStore.openFile(db).close();

        try (Connection c = connect(";ACCESS_MODE_DATA=r")) {
            assertThat(count(c, "SELECT COUNT(*) FROM cycles")).isEqualTo(602);
            assertThat(count(c, "SELECT COUNT(*) FROM portfolio_snapshots")).isEqualTo(602);
            assertThat(count(c, "SELECT COUNT(*) FROM component_versions")).isEqualTo(3 * 602);
            assertThat(count(c, "SELECT COUNT(*) FROM digests")).isEqualTo(573);
            assertThat(count(c, "SELECT MAX(update_no) FROM portfolio_breaker_states"))
                    .as("the breaker's state stored with the batch's last cycle").isEqualTo(602);
            Map<String, Map<String, Integer>> after = rows(c);
            before.remove("PORTFOLIO_BREAKER_STATES");   // the batch replaced its one row
            before.forEach((table, rows) -> rows.forEach((row, n) -> assertThat(after.get(table).getOrDefault(row, 0))
                    .as("%s row %s", table, row).isEqualTo(n)));
        }
        try (Connection c = connect("")) {
            assertThat(LeftoverTransactions.finish(c)).as("left over at the next open").isZero();
        }
    }

    private Connection connect(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + db + ";AUTO_SERVER=FALSE" + options, "sa", "");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** @return each table's rows, as text, with how often each occurs */
    private static Map<String, Map<String, Integer>> rows(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Map<String, Integer>> all = new TreeMap<>();
        for (String table : tables) {
            Map<String, Integer> rows = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.merge(row.toString(), 1, Integer::sum);
                }
            }
            all.put(table, rows);
        }
        return all;
    }
}
