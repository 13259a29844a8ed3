package dev.stratagem.runtime.config;

import java.math.BigDecimal;
import java.nio.file.Path;

/** Loads and validates strategy files. */
public final class StrategyConfigLoader {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private StrategyConfigLoader() {}

    /**
     * @param file a strategy YAML file
     * @return the validated config
     * @throws ConfigException naming the file and the key, if the file is unusable
     */
    public static StrategyConfig load(Path file) {
        StrategyConfig config = Yaml.read(file, StrategyConfig.class);
        if (config == null) {
            throw new ConfigException(file + ": the file is empty", null);
        }
        validate(config, file.toString());
        return config;
    }

    /**
     * @param config a config
     * @param source where it came from, for messages
     * @throws ConfigException naming the source and the key
     */
    public static void validate(StrategyConfig config, String source) {
        require(config.id() != null && !config.id().isBlank(), source, "id", "is required");
        require(config.id().matches("[A-Za-z0-9._-]+"), source, "id", "may only hold letters, digits, '.', '_' and '-'");
        require(!config.allSymbols().isEmpty(), source, "symbols", "needs at least one symbol");
        require(config.capital() != null, source, "capital", "is required");
        require(config.capital().compareTo(BigDecimal.ZERO) > 0 && config.capital().compareTo(MAX_CAPITAL) <= 0,
                source, "capital", "must be positive and at most 1e15, was " + config.capital());
        require(config.periodsPerYear() > 0, source, "periodsPerYear", "must be positive");
        require(config.features() != null, source, "features", "is required (for example id: indicators)");
        require(config.composer() != null, source, "composer", "is required (for example id: sma-crossover)");
        try {
            config.limits();
            config.instrumentMap();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param config a config
     * @return it as JSON, as recorded with each run
     */
    public static String toJson(StrategyConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a config record always serialises", e);
        }
    }

    /**
     * The most starting cash a strategy may have: equity is also a double, exact to the cent only below ~9e13, and
     * 1e400 (a BigDecimal, an infinite double) failed every cycle of a backtest with "cash must be finite".
     */
    static final BigDecimal MAX_CAPITAL = new BigDecimal("1e15");

    private static void require(boolean ok, String source, String key, String what) {
        if (!ok) {
            throw new ConfigException(source + ": '" + key + "' " + what, null);
        }
    }
}
