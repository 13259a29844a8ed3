package dev.stratagem.runtime.cli;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.TxResult;
import dev.stratagem.runtime.cycle.ComposeId;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunRow;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratagem history}: read what was recorded. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show recorded runs and cycles from the H2 history.",
        subcommands = {HistoryCommand.Runs.class, HistoryCommand.Cycles.class, HistoryCommand.Cycle.class})
final class HistoryCommand {

    /** Options shared by the history subcommands. */
    static class Store {
        @picocli.CommandLine.Mixin
        DatabaseOption database = new DatabaseOption();

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        JdbiHistoryStore open() {
            return JdbiHistoryStore.openFile(database.existing());
        }

        /** @return where the command prints (standard output, or what a test set) */
        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "List recorded runs, newest first.")
    static final class Runs extends Store implements Callable<Integer> {
        @Override
        public Integer call() {
            try (JdbiHistoryStore store = open()) {
                List<RunRow> runs = store.runs();
                if (json) {
                    out().println(Formats.json(runs));
                    return 0;
                }
                // columns as wide as their longest value: a long strategy id or 'STOPPED: signal' pushed the rest
                String row = "%-" + width(runs, RunRow::runId, 30) + "s %-" + width(runs, RunRow::strategyId, 24)
                        + "s %-9s %-" + width(runs, RunRow::status, 9) + "s %8s %7s %16s  %s%n";
                out().printf(Locale.ROOT, row, "run", "strategy", "mode", "status", "cycles", "trades", "final equity",
                        "result digest");
                for (RunRow r : runs) {
                    out().printf(Locale.ROOT, row, r.runId(), r.strategyId(), r.mode(), r.status(), r.cycles(),
                            r.trades(),
                            r.finalEquity() == null ? "-" : r.finalEquity().toPlainString(),
                            r.resultDigest() == null || r.resultDigest().isBlank() ? "-"
                                    : r.resultDigest().substring(0, Math.min(16, r.resultDigest().length())));
                }
            }
            return 0;
        }
    }

    private static int width(List<RunRow> runs, java.util.function.Function<RunRow, String> column, int least) {
        return runs.stream().map(column).mapToInt(v -> v == null ? 0 : v.length()).reduce(least, Math::max);
    }

    @Command(name = "cycles", mixinStandardHelpOptions = true, description = "List a run's recorded cycles.")
    static final class Cycles extends Store implements Callable<Integer> {
        @Parameters(index = "0", description = "The run id.")
        String runId;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
            }
            try (JdbiHistoryStore store = open()) {
                RunRow run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no recorded run "
                        + runId + " (see: stratagem history runs)"));
                List<CycleRow> cycles = store.cycles(runId, limit);
                if (json) {
                    out().println(Formats.json(cycles));
                    return 0;
                }
                if (cycles.isEmpty()) {
                    out().println(run.cycles() == 0 ? "run " + runId + " ran no cycles"
                            : "run " + runId + " ran " + run.cycles() + " cycles and recorded none (" + RECORD_LEVELS
                                    + ")");
                }
                for (CycleRow c : cycles) {
                    out().printf(Locale.ROOT, "%-40s %-19s %-8s %s%n", c.composeId(), Formats.time(c.ts()),
                            c.status(), text(c));
                }
            }
            return 0;
        }

        /** @return the composer's reason; for a failed cycle, which has none, the step that failed and why */
        private static String text(CycleRow c) {
            String rationale = c.rationale() == null ? "" : c.rationale();
            if (!rationale.isEmpty() || c.status() != CycleStatus.FAILED) {
                return rationale;
            }
            return c.errorStep().isEmpty() ? "" : "failed in " + c.errorStep() + ": " + c.errorReason();
        }
    }

    /** What each record level keeps, for a run that has fewer cycles recorded than it ran. */
    static final String RECORD_LEVELS = "a backtest at --record summary keeps only its summary; activity keeps the"
            + " cycles with an order, a fill, a rejection or an error, all keeps every cycle";

    @Command(name = "cycle", mixinStandardHelpOptions = true,
            description = "Show one cycle's audit trail: inputs, versions, decision, verdicts, orders, fills, timings.")
    static final class Cycle extends Store implements Callable<Integer> {
        @Parameters(index = "0", description = "The compose id.")
        String composeId;

        @Override
        public Integer call() {
            try (JdbiHistoryStore store = open()) {
                if (json) {
                    out().println(store.cycleJson(composeId).orElseThrow(() -> notFound(store, composeId)));
                    return 0;
                }
                CycleRecord c = store.cycle(composeId).orElseThrow(() -> notFound(store, composeId));
                print(c);
            }
            return 0;
        }

        /** No such record: of a run that ran the cycle without keeping it, says so and why. */
        private static IllegalArgumentException notFound(JdbiHistoryStore store, String composeId) {
            return ComposeId.parse(composeId)
                    .filter(id -> id.sequence() > 0 && store.run(id.runId()).filter(r -> id.sequence() <= r.cycles())
                            .isPresent())
                    .map(id -> new IllegalArgumentException("run " + id.runId() + " ran cycle " + id.sequence()
                            + " but did not record it (" + RECORD_LEVELS + "; see: stratagem history cycles "
                            + id.runId() + ")"))
                    .orElseGet(() -> new IllegalArgumentException("no recorded cycle " + composeId));
        }

        private void print(CycleRecord c) {
            out().printf(Locale.ROOT, "cycle      %s (#%d of run %s, strategy %s)%n", c.composeId(), c.sequence(),
                    c.runId(), c.strategyId());
            out().printf(Locale.ROOT, "bar        %s%n", Formats.time(c.ts()));
            out().printf(Locale.ROOT, "status     %s%n", c.status());
            c.versions().forEach(v -> out().printf(Locale.ROOT, "version    %-9s %s (%s %s %s)%n", v.role(),
                    v.componentId(), v.source(), v.version(), v.sha256()));
            if (c.context() != null) {
                c.context().features().forEach(f -> out().printf(Locale.ROOT, "features   %s %s%n", f.symbol(),
                        f.asMap()));
                var p = c.context().portfolio();
                out().printf(Locale.ROOT, "portfolio  cash %.4f equity %.4f positions %s%n", p.cash(), p.equity(),
                        p.positions());
                out().printf(Locale.ROOT, "digest     %d trades, sharpe %.4f%n", c.context().digest().tradeCount(),
                        c.context().digest().sharpe());
            }
            if (c.decision() != null) {
                out().printf(Locale.ROOT, "decision   %s%n", c.decision().rationale());
                c.decision().instructions().forEach(i -> out().printf(Locale.ROOT, "           %s %s %s%n",
                        i.side(), i.quantity(), i.symbol()));
            }
            for (GuardrailVerdict v : c.verdicts()) {
                out().printf(Locale.ROOT, "guardrail  %-20s %-18s %-8s %s%n", v.instructionId(), v.check(),
                        v.outcome(), v.reason());
            }
            for (TxResult t : c.txResults()) {
                out().printf(Locale.ROOT, "execution  %-20s %-8s %s %s @ %s fee %s %s%n", t.instructionId(),
                        t.status(), t.side(), t.filledQuantity(), t.fillPrice(), t.fee(), t.reason());
            }
            if (c.portfolioAfter() != null) {
                out().printf(Locale.ROOT, "after      cash %.4f equity %.4f positions %s%n", c.portfolioAfter().cash(),
                        c.portfolioAfter().equity(), c.portfolioAfter().positions());
            }
            long[] nanos = c.timings().nanos();
            StringBuilder timings = new StringBuilder();
            for (dev.stratagem.api.CycleStep step : dev.stratagem.api.CycleStep.values()) {
                timings.append(step.name().toLowerCase(Locale.ROOT)).append('=').append(nanos[step.ordinal()]).append(' ');
            }
            out().printf(Locale.ROOT, "timings ns %s%n", c.timings().timed() ? timings.toString().trim()
                    : "not timed (a backtest times one cycle in " + dev.stratagem.api.StageTimings.BACKTEST_SAMPLE + ")");
            if (c.error() != null) {
                out().printf(Locale.ROOT, "error      in %s: %s%n", c.error().step(), c.error().reason());
            }
        }
    }
}
