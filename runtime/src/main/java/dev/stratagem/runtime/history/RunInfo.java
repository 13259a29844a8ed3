package dev.stratagem.runtime.history;

import java.util.Objects;

/**
 * A run as it starts.
 *
 * @param runId the run id
 * @param strategyId the strategy
 * @param mode {@code backtest}, {@code paper} or {@code live}
 * @param startedAt epoch milliseconds
 * @param configJson the strategy configuration as JSON; {@code null} or blank is stored as {@code {}}
 * @param dataSource where the market data came from (a file, a feed), may be empty
 */
public record RunInfo(String runId, String strategyId, String mode, long startedAt, String configJson, String dataSource) {

    /** Validates the ids and normalises the optional fields. */
    public RunInfo {
        requireText(runId, "runId");
        requireText(strategyId, "strategyId");
        requireText(mode, "mode");
        configJson = configJson == null || configJson.isBlank() ? "{}" : configJson;
        dataSource = Objects.requireNonNullElse(dataSource, "");
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
