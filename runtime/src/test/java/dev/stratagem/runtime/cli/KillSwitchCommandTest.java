package dev.stratagem.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.risk.KillSwitchState;
import dev.stratagem.runtime.risk.RiskStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchCommandTest {

    @TempDir
    Path tmp;

    private int run(StringWriter err, String... args) {
        var cli = StratagemCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void activates_persists_and_deactivates_the_switch_in_h2() throws Exception {
        String db = tmp.resolve("h").toString();
        StringWriter err = new StringWriter();
        assertThat(run(err, "killswitch", "--status", "--db", db)).as("a mistyped --db is not read as inactive")
                .isEqualTo(2);
        assertThat(err.toString()).contains("no history at " + db + ".mv.db");
        assertThat(tmp.resolve("h.mv.db")).doesNotExist();
        Files.createFile(tmp.resolve("h.mv.db"));
        assertThat(run(err, "killswitch", "--status", "--db", db)).as("an empty file is no history either")
                .isEqualTo(2);
        assertThat(err.toString()).contains(db + ".mv.db is empty (0 bytes): no history there");
        assertThat(tmp.resolve("h.mv.db")).isEmptyFile();
        Files.delete(tmp.resolve("h.mv.db"));
        JdbiHistoryStore.openFile(tmp.resolve("h")).close();   // a runtime's history
        assertThat(run(err, "killswitch", "--activate", "--db", db)).isEqualTo(2);
        assertThat(err.toString()).contains("--activate needs --reason");
        assertThat(run(err, "killswitch", "--activate", "--reason", "drill\n\tfrom incident.txt\r\n", "--flatten",
                "--db", db)).as("a reason pasted from a file").isZero();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("h"))) {
            KillSwitchState s = new RiskStore(store).killSwitch();
            assertThat(s.active()).isTrue();
            assertThat(s.flatten()).isTrue();
            assertThat(s.reason()).isEqualTo("drill from incident.txt");
            assertThat(s.actor()).isEqualTo("cli");
        }
        assertThat(run(err, "killswitch", "--status", "--db", db + ".mv.db")).as("the file's name as printed")
                .isZero();
        assertThat(run(err, "killswitch", "--deactivate", "--flatten", "--db", db)).isEqualTo(2);
        assertThat(err.toString()).contains("--flatten goes with --activate only");
        assertThat(run(err, "killswitch", "--deactivate", "--reason", "done", "--db", db)).isZero();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("h"))) {
            assertThat(new RiskStore(store).killSwitch().active()).isFalse();
        }
    }
}
