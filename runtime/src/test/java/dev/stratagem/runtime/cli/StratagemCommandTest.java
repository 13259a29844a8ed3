package dev.stratagem.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.history.SampleCycles;
import dev.stratagem.runtime.testing.HoldHistory;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input on the command line is one clear line naming the problem, and exit code 2; never a stack trace. */
class StratagemCommandTest {

    @TempDir
    Path tmp;

    @Test
    void a_bad_record_level_is_one_line_naming_the_flag() {
        Result r = run("backtest", "--strategy", strategy(), "--data", data(), "--no-db", "--record", "bogus");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("error: --record must be all, activity or summary, was 'bogus'");
    }

    @Test
    void a_parameter_a_plugin_refuses_names_the_strategy_file() throws IOException {
        Path strategy = Files.writeString(tmp.resolve("bad.yaml"),
                Files.readString(Path.of(strategy())).replace("quantity: 100", "quantity: -100"));
        Result r = run("backtest", "--strategy", strategy.toString(), "--data", data(), "--no-db");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).startsWith("error: " + strategy + ": strategy 'sma-crossover-orcl': composer"
                + " 'sma-crossover': ").contains("quantity");
    }

    @Test
    void a_bad_fee_or_slippage_names_its_flag_not_the_strategy() {
        assertThat(run("backtest", "--strategy", strategy(), "--data", data(), "--no-db", "--fee-bps", "-5").err
                .strip()).isEqualTo("error: --fee-bps must be 0 or more basis points, was -5.0");
        assertThat(run("backtest", "--strategy", strategy(), "--data", data(), "--no-db", "--slippage-bps", "1e400")
                .err.strip()).isEqualTo("error: --slippage-bps must be 0 or more and under 10000 basis points, was"
                        + " Infinity");
        assertThat(run("backtest", "--strategy", strategy(), "--data", data(), "--no-db", "--fee-bps", "NaN").code)
                .isEqualTo(2);
    }

    @Test
    void a_data_file_with_a_comma_in_its_name_is_one_file() throws IOException {
        Path comma = Files.copy(Path.of(data()), tmp.resolve("orcl,1995-2014.txt"));
        Result one = run("backtest", "--strategy", strategy(), "--data", comma.toString(), "--no-db", "--quiet");
        assertThat(one.code).as(one.err).isZero();
        assertThat(one.out).contains("trades         97");

        Result split = run("backtest", "--strategy", strategy(), "--data", tmp.resolve("absent.csv") + "," + data(),
                "--no-db", "--quiet");
        assertThat(split.code).as("a list with a file that is not there").isEqualTo(2);
        assertThat(split.err.strip()).isEqualTo("error: --data '" + tmp.resolve("absent.csv") + "," + data()
                + "' is no file, nor a list of files: no file '" + tmp.resolve("absent.csv") + "' (give each file its"
                + " own --data if a name has a comma)");
        assertThat(run("backtest", "--strategy", strategy(), "--data", data() + ",", "--no-db").err.strip())
                .isEqualTo("error: --data '" + data() + ",' is no file, nor a list of files: it has an empty name"
                        + " between commas (give each file its own --data if a name has a comma)");
    }

    @Test
    void data_files_are_a_list_at_commas_or_given_again() throws IOException {
        Path a = Files.createFile(tmp.resolve("a.csv"));
        Path b = Files.createFile(tmp.resolve("b.csv"));
        Path c = Files.createFile(tmp.resolve("c,d.csv"));
        assertThat(BacktestCommand.dataFiles(List.of(a + ", " + b, c.toString(), a.toString())))
                .containsExactly(a, b, c, a);
    }

    @Test
    void skip_bad_rows_lists_the_rows_it_skipped() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(data())));
        lines.set(10, lines.get(10).replaceFirst(",[^,]*,", ",abc,"));     // line 11: the open is not a number
        lines.set(20, "1995-02-01,1,2");                                   // line 21: too few fields
        Path bad = tmp.resolve("orcl-1995-2014.txt");
        Files.write(bad, lines);
        Result r = run("backtest", "--strategy", strategy(), "--data", bad.toString(), "--no-db", "--skip-bad-rows");
        assertThat(r.code).as(r.err).isZero();
        List<String> skipped = r.out.lines().dropWhile(l -> !l.startsWith("skipped rows")).limit(3).toList();
        assertThat(skipped.getFirst()).isEqualTo("skipped rows   2");
        assertThat(skipped.get(1)).startsWith("  " + bad + ":11: ").contains("Open");
        assertThat(skipped.get(2)).startsWith("  " + bad + ":21: 3 fields, expected 7");
    }

    @Test
    void a_run_whose_console_port_is_taken_does_not_trade_and_says_which_port() throws IOException {
        Path runFile = dev.stratagem.runtime.testing.RunFiles.write(tmp, 0);
        Path db = tmp.resolve("history");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("run", "--config", runFile.toString(), "--plugins", TestPaths.plugins().toString(), "--db",
                    db.toString(), "--set", "ops.http.port=0",
                    "--console-port", Integer.toString(taken.getLocalPort()));
            assertThat(r.code).isEqualTo(2);
            assertThat(r.err.strip()).startsWith("error: the console cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()).endsWith("(pass --console-port with a free port, or --no-console)");
        }
        try (var store = dev.stratagem.runtime.history.JdbiHistoryStore.openFile(db)) {
            long cycles = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cycles").mapTo(Long.class)
                    .one());
            assertThat(cycles).as("no bar was traded").isZero();
        }
    }

    @Test
    void from_after_to_is_refused() {
        Result r = run("backtest", "--strategy", strategy(), "--data", data(), "--no-db", "--from", "2010-01-01",
                "--to", "2009-01-01");
        assertThat(r.err.strip()).isEqualTo("error: --to 2009-01-01 is before --from 2010-01-01");
    }

    @Test
    void a_date_that_is_not_one_is_named_without_the_whole_usage() {
        Result r = run("backtest", "--strategy", strategy(), "--data", data(), "--no-db", "--from", "2010-13-01");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).containsExactly(
                "error: Invalid value for option '--from': '2010-13-01' is not a date (yyyy-MM-dd)",
                "usage: stratagem backtest --help");
        Result typo = run("bakctest");
        assertThat(typo.code).isEqualTo(2);
        assertThat(typo.err).contains("Did you mean", "backtest");
    }

    @Test
    void a_missing_data_file_names_it() {
        Result r = run("backtest", "--strategy", strategy(), "--data", tmp.resolve("nope.csv").toString(), "--no-db");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("nope.csv").doesNotContain("\tat ");
        assertThat(r.err.strip().lines()).hasSize(1);
    }

    @Test
    void an_unknown_composer_lists_the_available_ones() {
        Result r = run("backtest", "--strategy", strategy(), "--data", data(), "--no-db", "--plugins",
                tmp.toString());
        assertThat(r.err).contains("no features 'indicators'").contains("available: []");
    }

    @Test
    void history_cycles_says_why_a_run_has_none_and_why_a_cycle_failed() {
        String db = tmp.resolve("h").toString();
        Result summary = run("backtest", "--strategy", strategy(), "--data", data(), "--db", db, "--record", "summary");
        assertThat(summary.code).as(summary.err).isZero();
        String runId = summary.out.lines().filter(l -> l.startsWith("run id")).findFirst().orElseThrow()
                .substring("run id".length()).strip();
        Result cycles = run("history", "cycles", runId, "--db", db);
        assertThat(cycles.code).as(cycles.err).isZero();
        assertThat(cycles.out.strip()).startsWith("run " + runId + " ran ").contains("recorded none",
                "--record summary keeps only its summary");
    }

    @Test
    void history_cycles_shows_why_a_failed_cycle_failed() {
        Path db = tmp.resolve("f");
        try (var store = JdbiHistoryStore.openFile(db)) {
            store.startRun(new RunInfo("r-f", "s", "paper", 1, "{}", "feed"));
            store.writeCycles(List.of(SampleCycles.failed("r-f", 1)));
        }
        Result r = run("history", "cycles", "r-f", "--db", db.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("FAILED   failed in DECISION: composer sma-crossover threw: index 30 out of bounds");
    }

    @Test
    void the_console_refuses_an_empty_history_file_instead_of_serving_it_as_a_new_one() throws IOException {
        Path empty = Files.createFile(tmp.resolve("h.mv.db"));
        Result r = run("console", "--db", tmp.resolve("h").toString(), "--plugins", TestPaths.plugins().toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("error: " + empty + " is empty (0 bytes): no history there, and it is left"
                + " as it is");
        assertThat(empty).isEmptyFile();
        assertThat(run("console", "--db", tmp.resolve("absent").toString()).err.strip())
                .startsWith("error: no history at " + tmp.resolve("absent") + ".mv.db");
    }

    @Test
    void a_cycle_the_run_did_not_record_says_why_not_only_that_it_is_missing() {
        String db = tmp.resolve("h").toString();
        Result r = run("backtest", "--strategy", strategy(), "--data", data(), "--db", db, "--record", "summary",
                "--quiet");
        assertThat(r.code).as(r.err).isZero();
        String runId = r.out.lines().filter(l -> l.startsWith("run id")).findFirst().orElseThrow().substring(6).strip();
        assertThat(run("history", "cycle", runId + "-40", "--db", db).err.strip()).isEqualTo("error: run " + runId
                + " ran cycle 40 but did not record it (" + HistoryCommand.RECORD_LEVELS + "; see: stratagem history"
                + " cycles " + runId + ")");
        assertThat(run("history", "cycle", runId + "-999999", "--db", db).err.strip())
                .isEqualTo("error: no recorded cycle " + runId + "-999999");
    }

    @Test
    void history_runs_keeps_its_columns_under_their_headers_with_a_long_strategy_id() {
        Path db = tmp.resolve("h");
        try (var store = JdbiHistoryStore.openFile(db)) {
            store.startRun(new RunInfo("r-long", "a-strategy-id-much-longer-than-twenty-four", "paper", 1, "{}",
                    "feed"));
        }
        Result r = run("history", "runs", "--db", db.toString());
        assertThat(r.code).as(r.err).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines.get(1).indexOf("paper")).isEqualTo(lines.get(0).indexOf("mode"));
        assertThat(lines.get(1).indexOf("RUNNING")).isEqualTo(lines.get(0).indexOf("status"));
    }

    @Test
    void history_of_an_unknown_run_says_so() {
        Result r = run("history", "cycles", "no-such-run", "--db", tmp.resolve("absent").toString());
        assertThat(r.err.strip()).startsWith("error: no history at");
    }

    @Test
    void the_plugin_commands_say_in_one_line_when_no_runtime_answers() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        String api = "http://127.0.0.1:" + port;
        for (String[] args : new String[][] {{"plugins", "history", "rules", "--api", api},
                {"plugins", "rollback", "rules", "--api", api, "--token", "t"}}) {
            Result r = run(args);
            assertThat(r.code).isEqualTo(2);
            assertThat(r.err.strip()).isEqualTo("error: no runtime answers at " + api + ": start one with stratagem run");
        }
    }

    @Test
    void a_history_file_another_process_holds_is_named_with_what_to_do() throws Exception {
        Path db = tmp.resolve("held");
        try (HoldHistory.Holder demo = HoldHistory.start(db)) {
            for (String[] args : new String[][] {{"history", "runs", "--db", db.toString()},
                    {"backtest", "--strategy", strategy(), "--data", data(), "--db", db.toString()}}) {
                Result r = run(args);
                assertThat(r.code).as(String.join(" ", args)).isEqualTo(2);
                assertThat(r.err.strip()).isEqualTo("error: " + db.toAbsolutePath() + ".mv.db is open in another "
                        + "process (a `stratagem demo` or `stratagem run` keeps it until it stops): stop that process "
                        + "or pass --db for another history file; meanwhile that process's console shows what it "
                        + "recorded");
            }
        }
        assertThat(run("history", "runs", "--db", db.toString()).code).as("free again").isZero();
    }

    private static String strategy() {
        return TestPaths.strategies().resolve("sma-crossover-orcl.yaml").toString();
    }

    private static String data() {
        return TestPaths.data().resolve("orcl-1995-2014.txt").toString();
    }

    private static Result run(String... args) {
        CommandLine cli = StratagemCommand.commandLine();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute(withPlugins(args));
        return new Result(code, err.toString(), out.toString());
    }

    private static String[] withPlugins(String[] args) {
        if (!args[0].equals("backtest") || java.util.Arrays.asList(args).contains("--plugins")) {
            return args;
        }
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--plugins";
        all[args.length + 1] = TestPaths.plugins().toString();
        return all;
    }

    private record Result(int code, String err, String out) {}
}
