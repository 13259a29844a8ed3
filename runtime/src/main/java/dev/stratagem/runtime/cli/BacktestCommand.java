package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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

    @Option(names = "--data", required = true, description = "CSV file(s): Yahoo or generic OHLCV. Several: a.csv,b.csv"
            + " or --data again; a path with a comma in it is one file when that file exists.")
    List<String> data;

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
        basisPoints("--fee-bps", feeBps, Double.POSITIVE_INFINITY);
        basisPoints("--slippage-bps", slippageBps, 10_000);
        return new BacktestRequest(strategy, dataFiles(data), csvColumns, from, to, feeBps, slippageBps, level,
                skipBadRows, plugins.plugins(), noDb ? null : database.database());
    }

    /** A flag's basis points: not the strategy's gateway parameter an error would otherwise name. */
    private static void basisPoints(String flag, Double value, double below) {
        if (value != null && !(value >= 0 && value < below)) {
            throw new IllegalArgumentException(flag + " must be 0 or more" + (below < Double.POSITIVE_INFINITY
                    ? " and under " + (long) below : "") + " basis points, was " + value);
        }
    }

    /**
     * @param values the {@code --data} values
     * @return their files: a value that names an existing file is that file, commas and all (picocli's own split
     *     made {@code prices,2020.csv} two files that do not exist); any other value is a list of files at its
     *     commas, each trimmed, that must all exist (else the error names the whole value, not a fragment of a
     *     mistyped path)
     */
    static List<Path> dataFiles(List<String> values) {
        List<Path> files = new ArrayList<>();
        for (String value : values) {
            if (value.indexOf(',') < 0 || Files.isRegularFile(Path.of(value))) {
                files.add(Path.of(value));
                continue;
            }
            for (String part : value.split(",", -1)) {
                Path file = Path.of(part.strip());
                if (part.isBlank() || !Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--data '" + value + "' is no file, nor a list of files: "
                            + (part.isBlank() ? "it has an empty name between commas" : "no file '" + part.strip()
                            + "'") + " (give each file its own --data if a name has a comma)");
                }
                files.add(file);
            }
        }
        return files;
    }
}
