package dev.stratagem.runtime.backtest;

import dev.stratagem.runtime.config.RecordLevel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What to backtest and how.
 *
 * @param strategyFile the strategy YAML
 * @param dataFiles the CSV files; with one file and one configured symbol the file feeds that symbol,
 *     otherwise each file's symbol comes from its name
 * @param csvMapping an explicit column mapping ({@code date=Date,open=Open,...}), or {@code null} to detect
 * @param from the first session to trade (inclusive), or {@code null}
 * @param to the last session to trade (inclusive), or {@code null}
 * @param feeBps fee in basis points of notional, overriding the gateway's, or {@code null}
 * @param slippageBps slippage in basis points, overriding the gateway's, or {@code null}
 * @param recordLevel how many cycles to keep in the history
 * @param skipBadRows skip and count malformed CSV rows instead of failing
 * @param pluginsDir the folder plugin jars load from
 * @param database the H2 file (without {@code .mv.db}) the run is recorded in, or {@code null} for none
 */
public record BacktestRequest(
        Path strategyFile,
        List<Path> dataFiles,
        String csvMapping,
        LocalDate from,
        LocalDate to,
        Double feeBps,
        Double slippageBps,
        RecordLevel recordLevel,
        boolean skipBadRows,
        Path pluginsDir,
        Path database) {

    /** Validates and copies. */
    public BacktestRequest {
        Objects.requireNonNull(strategyFile, "strategyFile");
        dataFiles = List.copyOf(dataFiles);
        if (dataFiles.isEmpty()) {
            throw new IllegalArgumentException("a backtest needs at least one data file");
        }
        Objects.requireNonNull(recordLevel, "recordLevel");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }
}
