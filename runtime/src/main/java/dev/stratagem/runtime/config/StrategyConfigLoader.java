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
        validate(config, file.toString(), new Yaml.KeyLines(file));
        return config;
    }

    /**
     * @param config a config
     * @param source where it came from, for messages
     * @throws ConfigException naming the source and the key
     */
    public static void validate(StrategyConfig config, String source) {
        validate(config, source, null);
    }

    /** @param lines where the source's keys are, or {@code null} if it has no lines */
    private static void validate(StrategyConfig config, String source, Yaml.KeyLines lines) {
        Check check = (ok, key, what) -> {   // a top-level key; a missing one has no line
            if (!ok) {
                throw new ConfigException(source + (lines == null ? "" : lines.topLevel(key)) + ": '" + key + "' "
                        + what, null);
            }
        };
        check.require(config.id() != null && !config.id().isBlank(), "id", "is required");
        check.require(config.id().matches("[A-Za-z0-9._-]+"), "id", "may only hold letters, digits, '.', '_' and '-'");
        check.require(config.capital() != null, "capital", "is required");
        check.require(config.capital().compareTo(BigDecimal.ZERO) > 0 && config.capital().compareTo(MAX_CAPITAL) <= 0,
                "capital", "must be positive and at most 1e15, was " + config.capital());
        check.require(config.periodsPerYear() > 0, "periodsPerYear", "must be positive");
        check.require(config.features() != null, "features", "is required (for example id: indicators)");
        check.require(config.composer() != null, "composer", "is required (for example id: sma-crossover)");
        try {
            config.limits();
            config.instrumentMap();
        } catch (IllegalArgumentException e) {
            // the plugin API's checks start with the field: "maxLeverage must be positive, was -2"
            String message = String.valueOf(e.getMessage());
            String field = message.contains(" ") ? message.substring(0, message.indexOf(' ')) : "";
            boolean located = lines != null && field.matches("[A-Za-z]\\w*");
            throw new ConfigException(source + (located ? lines.only(field) : "") + ": " + message, e);
        }
        check.require(!config.allSymbols().isEmpty(), "symbols", "needs at least one symbol");   // after instruments
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

    /** A check of one key: a failed one is the error, with the key's line where the source has it. */
    @FunctionalInterface
    private interface Check {
        void require(boolean ok, String key, String what);
    }
}
