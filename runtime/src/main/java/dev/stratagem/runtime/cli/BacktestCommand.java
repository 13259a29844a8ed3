package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratagem backtest}: replay CSV data through a strategy and print the result. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Backtest a strategy on CSV data: prints trades, final equity, return, max drawdown, "
                + "Sharpe, the run id and the SHA-256 result digest; records the run in H2.")
final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", required = true, description = "Strategy YAML file.")
    Path strategy;

    @Option(names = "--data", required = true, split = ",", description = "CSV file(s): Yahoo or generic OHLCV.")
    List<Path> data;

    @Option(names = "--csv-columns", description = "Column mapping for generic CSV, e.g. date=Date,time=Time,open=Open,"
            + "high=High,low=Low,close=Close,volume=Volume (names or 0-based indexes). Default: detected.")
    String csvColumns;

    @Option(names = "--from", description = "First session (yyyy-MM-dd), inclusive.")
    LocalDate from;

    @Option(names = "--to", description = "Last session (yyyy-MM-dd), inclusive.")
    LocalDate to;

    @Option(names = "--fee-bps", description = "Fee in basis points of notional (overrides the gateway's).")
    Double feeBps;

    @Option(names = "--slippage-bps", description = "Slippage in basis points (overrides the gateway's).")
    Double slippageBps;

    @Option(names = "--record", defaultValue = "activity",
            description = "Cycles to record: all, activity or summary. Default: ${DEFAULT-VALUE}.")
    String record;

    @Option(names = "--skip-bad-rows", description = "Skip and count malformed CSV rows instead of failing (rows out"
            + " of time order: the fewest that leave the rest in order).")
    boolean skipBadRows;

    @Mixin
    PluginsOption plugins = new PluginsOption();

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Option(names = "--no-db", description = "Do not record the run.")
    boolean noDb;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--quiet", description = "Print the summary only, not the trade list.")
    boolean quiet;

    @Override
    public Integer call() {
        BacktestResult result = BacktestRunner.run(request());
        ResultPrinter.print(result, json, !quiet, spec.commandLine().getOut());
        return 0;
    }

    BacktestRequest request() {
        RecordLevel level;
        try {
            level = RecordLevel.valueOf(record.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--record must be all, activity or summary, was '" + record + "'");
        }
        return new BacktestRequest(strategy, data, csvColumns, from, to, feeBps, slippageBps, level, skipBadRows,
                plugins.plugins(), noDb ? null : database.database());
    }
}
