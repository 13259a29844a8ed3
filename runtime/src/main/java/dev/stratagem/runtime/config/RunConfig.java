package dev.stratagem.runtime.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A runtime: which strategies run side by side, on which feed, in which mode. Load it with
 * {@link #load(Path)}; strategy and data paths are relative to the file's folder.
 *
 * @param mode {@code paper} or {@code live} (live is gated: see {@code LiveTradingGate})
 * @param speed replay speed-up over real time; {@code 0} runs as fast as the strategies keep up
 * @param feed the CSV files replayed onto the bus
 * @param strategies the strategy files
 * @param skipBadRows skip and count malformed CSV rows instead of failing
 * @param settings the mode layer of the runtime settings ({@link Settings}); absent means none
 */
public record RunConfig(String mode, Double speed, List<FeedConfig> feed, List<String> strategies, Boolean skipBadRows,
        java.util.Map<String, Object> settings) {

    /** Fills defaults. */
    public RunConfig {
        mode = mode == null ? "paper" : mode;
        speed = speed == null ? 0.0 : speed;
        feed = feed == null ? List.of() : List.copyOf(feed);
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
        skipBadRows = skipBadRows != null && skipBadRows;
        settings = settings == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /**
     * @param file a run YAML file
     * @return the validated config
     * @throws ConfigException naming the file and key
     */
    public static RunConfig load(Path file) {
        RunConfig config = Yaml.read(file, RunConfig.class);
        if (config == null) {
            throw new ConfigException(file + ": the file is empty", null);
        }
        if (!config.mode().equals("paper") && !config.mode().equals("live")) {
            throw new ConfigException(file + ": 'mode' must be paper or live, was '" + config.mode() + "'", null);
        }
        if (!(config.speed() >= 0 && config.speed() < Double.POSITIVE_INFINITY)) {
            throw new ConfigException(file + ": 'speed' must be 0 (as fast as strategies keep up) or positive", null);
        }
        if (config.feed().isEmpty()) {
            throw new ConfigException(file + ": 'feed' needs at least one CSV file", null);
        }
        for (int i = 0; i < config.feed().size(); i++) {
            if (config.feed().get(i).file() == null) {
                throw new ConfigException(file + ": 'feed[" + i + "].file' is required", null);
            }
        }
        if (config.strategies().isEmpty()) {
            throw new ConfigException(file + ": 'strategies' needs at least one strategy file", null);
        }
        return config;
    }

    /**
     * @param speedOverride a speed from the command line, or {@code null}
     * @return a copy with that speed
     */
    public RunConfig withSpeed(Double speedOverride) {
        if (speedOverride != null && !(speedOverride >= 0 && speedOverride < Double.POSITIVE_INFINITY)) {
            throw new ConfigException("--speed must be 0 (as fast as strategies keep up) or a positive factor, was "
                    + speedOverride, null);
        }
        return speedOverride == null ? this : new RunConfig(mode, speedOverride, feed, strategies, skipBadRows, settings);
    }
}
