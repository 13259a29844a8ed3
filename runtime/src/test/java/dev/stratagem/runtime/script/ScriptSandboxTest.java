package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.runtime.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.graalvm.polyglot.Engine;
import org.slf4j.LoggerFactory;

/**
 * Hostile scripts never take the runtime down: file and network access, host class lookup, threads and
 * processes are denied; an endless loop, or a sleep, is interrupted by the watchdog and the context keeps working;
 * deep recursion and garbage results fail the call with the script's file and line; after three failures
 * in a row the script is paused. One engine for the class: the first Python context is slow.
 */
class ScriptSandboxTest {

    private static Engine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private ScriptComposer composer(String name, ScriptLanguage language, String source) {
        return composer(name, language, source, Duration.ofMillis(50));
    }

    private ScriptComposer composer(String name, ScriptLanguage language, String source, Duration budget) {
        return composer(name, language, source, budget, ScriptSettings.DEFAULTS.grace());
    }

    private ScriptComposer composer(String name, ScriptLanguage language, String source, Duration budget,
            Duration grace) {
        Path folder = ScriptFolders.write(tmp, name, language, source);
        ScriptCatalog catalog = new ScriptCatalog(List.of(tmp), new ScriptSettings(budget, 3, 5, grace), engine);
        DecisionComposer composer = catalog.composer(folder.toString(), Map.of(), List.of("close")).component();
        return (ScriptComposer) composer;
    }

    static ComposeContext context(long seq) {
        PortfolioView portfolio = new PortfolioView(seq, 1000, 1000, 0, 0, 0, 0, List.of(), Constraints.NONE);
        return new ComposeContext(seq, "c-" + seq, "s", List.of(new FeatureVector("X", seq, List.of("close"),
                new double[] {10 + seq})), portfolio, TradeDigest.EMPTY, RunMode.BACKTEST);
    }

    private static String failure(ScriptComposer composer, long seq) {
        try {
            composer.compose(context(seq));
        } catch (ScriptFailure e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    void a_js_script_cannot_read_files_look_up_host_classes_or_start_threads() {
        ScriptComposer c = composer("hostile-js", ScriptLanguage.JS, """
                function compose(f, api) {
                  const what = api.param("quantity");
                  if (api.ts == 1) return String(load("/etc/hostname"));
                  if (api.ts == 2) return String(Java.type("java.io.File"));
                  if (api.ts == 3) return String(Java.type("java.lang.Thread"));
                  if (api.ts == 4) return String(Java.type("java.net.Socket"));
                  if (api.ts == 5) return String(Polyglot.eval("python", "1"));
                  return "ok";
                }
                """);
        for (long seq = 1; seq <= 5; seq++) {
            assertThat(failure(c, seq)).as("call " + seq).contains("main.js:" + (seq + 2) + ":");
            c.compose(context(0));
        }
        assertThat(c.status().paused()).isFalse();
        c.close();
    }

    @Test
    void a_python_script_cannot_read_files_open_sockets_or_start_threads_or_processes() {
        ScriptComposer c = composer("hostile-py", ScriptLanguage.PYTHON, """
                import socket
                import subprocess
                import threading


                def compose(f, api):
                    if api.ts == 1:
                        return open("/etc/hostname").read()
                    if api.ts == 2:
                        return str(socket.create_connection(("127.0.0.1", 9)))
                    if api.ts == 3:
                        threading.Thread(target=lambda: None).start()
                    if api.ts == 4:
                        return str(subprocess.run(["true"]))
                    if api.ts == 5:
                        import java
                        return str(java.type("java.io.File"))
                    if api.ts == 6:
                        import os
                        return os.getcwd()
                    return "ok"
                """, Duration.ofSeconds(5)); // cold GraalPy library code: this test is about denial, not time
        assertThat(failure(c, 6)).as("a refusal with no path to name").contains("not allowed for: the file system");
        assertThat(c.compose(context(0)).rationale()).isEqualTo("ok");
        for (long seq = 1; seq <= 5; seq++) {
            String reason = failure(c, seq);
            assertThat(reason).as("call " + seq).contains("main.py").doesNotContain("budget", "cancelled")
                    .doesNotContain("com.oracle", "java.lang.").doesNotContainPattern("main\\.py:6:");
            assertThat(c.compose(context(0)).rationale()).isEqualTo("ok");
        }
        c.close();
    }

    @Test
    void an_endless_loop_is_interrupted_within_its_budget_and_the_script_keeps_running() {
        ScriptComposer c = composer("loop", ScriptLanguage.JS, """
                let calls = 0;
                function compose(f, api) {
                  calls++;
                  if (api.ts == 7) { while (true) {} }
                  return "call " + calls;
                }
                """);
        Stopped stopped = stopped(c, 7);
        assertThat(stopped.reason())
                .containsPattern("loop compose\\(\\) ran past its 50 ms budget and was stopped after \\d+ ms")
                .contains("main.js:4:");
        assertThat(stopped.millis()).isLessThan(2_000);
        assertThat(c.compose(context(0)).rationale()).isEqualTo("call 6");
        c.close();
    }

    @Test
    void a_call_that_sleeps_is_stopped_once_past_its_budget_and_the_grace_in_wall_time() {
        ScriptComposer c = composer("sleeper", ScriptLanguage.PYTHON, """
                import time

                calls = 0


                def compose(f, api):
                    global calls
                    calls += 1
                    if api.ts == 7:
                        time.sleep(600)
                    return "call %d" % calls
                """, Duration.ofMillis(50), Duration.ofMillis(500));
        Stopped stopped = stopped(c, 7);
        // it hardly uses its thread's CPU, so its CPU time never reaches the budget: wall time decides at last
        assertThat(stopped.reason()).contains("sleeper compose() ran past its 50 ms budget and was stopped after")
                .as("GraalPy places a stopped call by its function only").contains("main.py (in compose)");
        assertThat(stopped.millis()).isBetween(500L, 10_000L);
        assertThat(c.compose(context(0)).rationale()).isEqualTo("call 6");
        c.close();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void while_one_script_ignores_its_interrupt_another_scripts_endless_loop_is_still_stopped_on_time()
            throws Exception {
        Path folder = ScriptFolders.write(tmp, "stuck-py", ScriptLanguage.PYTHON, """
                def compose(f, api):
                    if api.ts == 7:
                        sum(range(10 ** 8))
                    return "ok"
                """);
        // on the shared engine: this class's engine could not close while the abandoned call still runs
        ScriptCatalog shared = new ScriptCatalog(List.of(tmp),
                new ScriptSettings(Duration.ofMillis(50), 3, 5, Duration.ofSeconds(5)), null);
        ScriptComposer stuck = (ScriptComposer) shared.composer(folder.toString(), Map.of(), List.of("close"))
                .component();
        ScriptComposer loop = composer("loop-js", ScriptLanguage.JS, """
                function compose(f, api) {
                  if (api.ts == 7) { while (true) {} }
                  return "ok";
                }
                """);
        warm(stuck);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger watchdog = (Logger) LoggerFactory.getLogger(ScriptWatchdog.class);
        watchdog.addAppender(lines);
        try (ScriptSupervisor thread = new ScriptSupervisor("stuck")) {
            // GraalPy sums the range in Java, where the interrupt cannot land: the call ignores it for seconds
            CompletableFuture<String> stuckCall = CompletableFuture.supplyAsync(() -> thread.call(
                    () -> failure(stuck, 7), ScriptFailure::getMessage));
            Await.until(() -> !logged(lines, "interrupted stuck-py (").isEmpty(), Duration.ofSeconds(30),
                    "the Python call's interrupt");

            // while it waits up to 5 s for that call to stop, the watchdog still stops the JavaScript loop
            Stopped stopped = stopped(loop, 7);
            assertThat(stopped.reason()).contains("loop-js compose() ran past its 50 ms budget and was stopped after");
            assertThat(stopped.millis()).isLessThan(2_000);

            assertThat(stuckCall.get(60, TimeUnit.SECONDS)).contains("stuck-py (")
                    .contains("compose() ran past its 50 ms budget and did not stop within 5000 ms of its interrupt");
        } finally {
            watchdog.detachAppender(lines);
        }
        assertThat(stuck.compose(context(0)).rationale()).isEqualTo("ok");   // in a new context
        stuck.close();
        loop.close();
    }

    @Test
    void print_and_api_log_share_the_calls_log_cap() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger script = (Logger) LoggerFactory.getLogger("script.chatty");
        script.addAppender(lines);
        try {
            ScriptComposer c = composer("chatty", ScriptLanguage.PYTHON, """
                    def compose(f, api):
                        for i in range(30):
                            print("printed %d at %d" % (i, api.ts))
                        api.log("logged at %d" % api.ts)
                        return "ok"
                    """);
            assertThat(c.compose(context(1)).rationale()).isEqualTo("ok");
            assertThat(c.compose(context(2)).rationale()).isEqualTo("ok");
            c.close();
        } finally {
            script.detachAppender(lines);
        }
        assertThat(logged(lines, "printed ")).as("20 a call, 2 calls").hasSize(40).contains("printed 19 at 2")
                .doesNotContain("printed 20 at 1");
        assertThat(logged(lines, "logged at")).as("past the cap").isEmpty();
        assertThat(logged(lines, "more than 20 log lines (api.log and print) in one call")).hasSize(2);
    }

    @Test
    void an_interrupt_logs_how_long_the_call_ran_on_its_thread_and_where_the_thread_was() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger watchdog = (Logger) LoggerFactory.getLogger(ScriptWatchdog.class);
        watchdog.addAppender(lines);
        try {
            ScriptComposer c = composer("spin", ScriptLanguage.JS, """
                    function compose(f, api) {
                      if (api.ts == 7) { for (;;) {} }
                      return "ok";
                    }
                    """);
            warm(c);
            assertThat(failure(c, 7)).contains("ran past its 50 ms budget");
            c.close();
            // logged right after the interrupt, on the watchdog's thread; other classes' scripts may log too
            Await.until(() -> !logged(lines, "interrupted spin (").isEmpty(), Duration.ofSeconds(10),
                    "the interrupt's log line");
        } finally {
            watchdog.detachAppender(lines);
        }
        assertThat(logged(lines, "interrupted spin (").getFirst()).startsWith("interrupted spin (").contains("main.js)")
                .containsPattern("\\d+ ms wall, \\d+ ms of its thread's CPU, \\d+ extension\\(s\\) for runtime work")
                .contains("its thread was at:").contains("\n\tat ");
    }

    /** @return the lines logged so far that start so */
    static List<String> logged(ListAppender<ILoggingEvent> lines, String start) {
        synchronized (lines) {   // AppenderBase appends under the appender's lock, on the thread that logs
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(start))
                    .toList();
        }
    }

    /** How a call that ran past its budget ended, and how long that took. */
    private record Stopped(String reason, long millis) {}

    /** Calls the composer past its cold calls, then times a call at {@code ts} that must fail. */
    private static Stopped stopped(ScriptComposer c, long ts) {
        warm(c);
        long started = System.nanoTime();
        String reason = failure(c, ts);
        return new Stopped(reason, (System.nanoTime() - started) / 1_000_000);
    }

    /** Four calls: past the first calls' longer budget. */
    private static void warm(ScriptComposer c) {
        for (long seq = 1; seq <= 4; seq++) {
            c.compose(context(0));
        }
    }

    @Test
    void a_call_that_prints_far_past_its_log_lines_stays_within_its_budget() {
        ScriptComposer c = composer("chatty", ScriptLanguage.JS, """
                const line = "x".repeat(2000);
                function compose(f, api) {
                  for (let i = 0; i < 1000; i++) { console.log(line); }
                  return "done";
                }
                """);
        warm(c);
        for (long seq = 1; seq <= 5; seq++) {
            assertThat(c.compose(context(seq)).rationale()).as("call " + seq).isEqualTo("done");
        }
        c.close();
    }

    @Test
    void a_wrong_return_names_its_type_with_its_article() {
        ScriptComposer c = composer("shapes", ScriptLanguage.JS, """
                function compose(f, api) {
                  if (api.ts == 1) return [1, 2];
                  return {a: 1};
                }
                """);
        assertThat(failure(c, 1)).contains("or nothing, returned an Array");
        assertThat(failure(c, 2)).contains("or nothing, returned an Object");
        assertThat(ScriptProgram.article("dict")).isEqualTo("a dict");
    }

    @Test
    void three_failures_in_a_row_pause_the_script_with_a_visible_status() {
        ScriptComposer c = composer("recursion", ScriptLanguage.JS, """
                function down(n) { return down(n + 1) + 1; }
                function compose(f, api) {
                  if (api.ts == 1) return down(0);
                  if (api.ts == 2) return NaN;
                  if (api.ts == 3) { api.buy("lots"); }
                  return "fine";
                }
                """);
        assertThat(failure(c, 1)).contains("main.js:1:");
        assertThat(failure(c, 2)).contains("must return the rationale (a string) or nothing, returned NaN");
        assertThat(c.status().paused()).isFalse();
        assertThat(failure(c, 3)).contains("main.js:5:");
        assertThat(c.status().paused()).isTrue();
        assertThat(c.status().consecutiveFailures()).isEqualTo(3);
        assertThat(failure(c, 0)).contains("is paused after 3 consecutive failures");
        c.close();
    }

    @Test
    void a_python_failure_names_the_line_that_raised_not_the_def() {
        ScriptComposer c = composer("raises-py", ScriptLanguage.PYTHON, """
                def helper(n):
                    return 10 // n

                def compose(f, api):
                    x = 1
                    if api.ts == 2:
                        raise ValueError("deliberate at %d" % api.ts)
                    return "fine %d" % helper(0 if api.ts == 3 else 1)
                """);
        assertThat(c.compose(context(1)).rationale()).isEqualTo("fine 10");
        assertThat(failure(c, 2)).contains("main.py:7:").contains("ValueError: deliberate at 2");
        assertThat(failure(c, 3)).as("the innermost frame: in the helper").contains("main.py:2:")
                .contains("ZeroDivisionError");
        c.close();
    }

    @Test
    void a_nan_quantity_is_passed_on_for_the_guardrails_to_reject() {
        ScriptComposer c = composer("nan", ScriptLanguage.PYTHON, """
                def compose(f, api):
                    api.buy(float("nan"))
                    return None
                """);
        ComposeResult result = c.compose(context(1));
        assertThat(result.instructions()).singleElement().satisfies(i -> assertThat(i.quantity()).isNaN());
        c.close();
    }

    @Test
    void a_quantity_that_is_not_a_number_is_named_with_the_call() {
        ScriptComposer py = composer("ten-py", ScriptLanguage.PYTHON, """
                def compose(f, api):
                    api.buy(2)
                    api.buy("ten")
                    return None
                """);
        // GraalPy has no line for a host method's exception: the function it was in
        assertThat(failure(py, 1)).contains("main.py (in compose): IllegalArgumentException: api.buy(quantity) takes"
                + " a number, was 'ten' (text)");
        py.close();
        ScriptComposer js = composer("obj-js", ScriptLanguage.JS, """
                function compose(f, api) {
                  api.sell(1.5);
                  if (api.ts == 1) { api.sell({lots: 2}); }
                  api.sell();
                  return null;
                }
                """);
        assertThat(failure(js, 1)).contains("main.js:3:", "api.sell(quantity) takes a number, was ");
        assertThat(failure(js, 2)).contains("main.js:4:3: TypeError: api.sell() takes 1 argument(s), was given 0")
                .doesNotContain("dev.stratagem");
        js.close();
    }

    @Test
    void a_script_writing_the_api_fields_does_not_move_its_orders() {
        ScriptComposer c = composer("redirect", ScriptLanguage.JS, """
                function compose(f, api) {
                  api.symbol = "AAPL";
                  api.position = -1000000;
                  api.buy(1);
                  api.close();
                  return "wrote " + api.symbol;
                }
                """);
        ComposeResult result = c.compose(context(1));
        assertThat(result.rationale()).as("its own view changes").isEqualTo("wrote AAPL");
        assertThat(result.instructions()).as("the buy on the call's symbol, no close of a position it does not hold")
                .singleElement().satisfies(i -> assertThat(i.symbol()).isEqualTo("X"));
        c.close();
    }

    @Test
    void a_syntax_error_fails_the_load_with_file_line_and_column() {
        assertThatThrownBy(() -> composer("broken", ScriptLanguage.JS, "function compose(f, api) {\n  return (;\n}\n"))
                .isInstanceOf(ScriptException.class).hasMessageContaining("main.js:2:11: SyntaxError: Expected an operand")
                .satisfies(e -> assertThat(e.getMessage()).as("the file and line once").containsOnlyOnce("main.js"));
        assertThatThrownBy(() -> composer("broken-py", ScriptLanguage.PYTHON, "def compose(f, api):\n    return (\n"))
                .isInstanceOf(ScriptException.class).hasMessageMatching("(?s).*main\\.py:\\d+(:\\d+)?: SyntaxError: .*")
                .satisfies(e -> assertThat(e.getMessage()).containsOnlyOnce("main.py"));
        // at the end of the file GraalPy places the error one line past it; its message has the line itself
        assertThatThrownBy(() -> composer("eof-py", ScriptLanguage.PYTHON, "def compose(f, api):\n    return 'x' +\n"))
                .isInstanceOf(ScriptException.class).hasMessageContaining("main.py:2: SyntaxError: invalid syntax")
                .satisfies(e -> assertThat(e.getMessage()).as("the file and line once").containsOnlyOnce("main.py"));
    }
}
