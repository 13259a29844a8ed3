package dev.stratagem.plugins.llm;

import dev.stratagem.api.Parameters;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The parameters every LLM composer shares, each with its one default here. See sdk-docs/llm-strategies.md.
 */
record LlmSettings(String baseUrl, String model, String apiKey, Duration timeout, double temperature,
        boolean jsonMode, int maxTokens, boolean stream, Duration deadline, String priority, QueueConfig queue,
        long tokenBudget, BigDecimal costBudget, BigDecimal costPer1kTokens, Mode mode, Path recordings,
        double minConfidence, SmaFallbackRule fallback, Set<String> features) {

    /** Where answers come from. */
    enum Mode {
        /**
         * By the run mode: a backtest replays from {@code recordings}; paper and live call the model and
         * record when {@code recordings} is set.
         */
        AUTO,
        /** From the model; nothing recorded. */
        LIVE,
        /** From the model; every call and outcome appended to the journal. */
        RECORD,
        /** From the journal only; a missing answer fails the cycle. */
        REPLAY
    }

    static final Set<String> KEYS = Set.of("baseUrl", "model", "apiKeyEnv", "timeoutMillis", "temperature",
            "jsonMode", "maxTokens", "stream", "deadlineMillis", "priority", "maxConcurrency", "maxQueueSize",
            "requestsPerMinute", "tokensPerMinute", "maxAttempts", "tokenBudget", "costBudget", "costPer1kTokens",
            "mode", "recordings", "minConfidence", "fallback", "fallbackFast", "fallbackSlow", "fallbackQuantity",
            "features");

    static LlmSettings from(Parameters p) {
        String model = p.getString("model", null);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("parameter 'model' is required (the model name on the endpoint)");
        }
        String keyEnv = p.getString("apiKeyEnv", "OPENAI_API_KEY");
        String apiKey = System.getenv(keyEnv);
        Mode mode;
        try {
            mode = Mode.valueOf(p.getString("mode", "auto").trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'mode' must be auto, live, record or replay, was '"
                    + p.getString("mode", "") + "'");
        }
        String recordings = p.getString("recordings", null);
        if (recordings != null && recordings.isBlank()) {
            recordings = null;
        }
        if ((mode == Mode.RECORD || mode == Mode.REPLAY) && recordings == null) {
            throw new IllegalArgumentException("parameter 'recordings' (a folder) is required with mode " + mode);
        }
        String priority = p.getString("priority", "auto").trim().toLowerCase(Locale.ROOT);
        if (!Set.of("auto", "urgent", "normal").contains(priority)) {
            throw new IllegalArgumentException("parameter 'priority' must be auto, urgent or normal, was '" + priority + "'");
        }
        QueueConfig d = QueueConfig.DEFAULTS;
        QueueConfig queue = new QueueConfig(p.getInt("maxConcurrency", d.maxConcurrency()),
                p.getInt("maxQueueSize", d.maxQueueSize()), p.getInt("requestsPerMinute", d.requestsPerWindow()),
                (long) p.getDouble("tokensPerMinute", d.tokensPerWindow()), Duration.ofMinutes(1),
                p.getInt("maxAttempts", d.maxAttempts()), d.backoffBase(), d.backoffCap());
        String fallbackName = p.getString("fallback", "none").trim();
        SmaFallbackRule fallback = switch (fallbackName) {
            case "none" -> null;
            case "sma-crossover" -> new SmaFallbackRule(p.getInt("fallbackFast", 10), p.getInt("fallbackSlow", 30),
                    p.getDouble("fallbackQuantity", 100));
            default -> throw new IllegalArgumentException("parameter 'fallback' must be none or sma-crossover, was '"
                    + fallbackName + "'");
        };
        Set<String> features = new HashSet<>();
        String list = p.getString("features", "");
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(features::add);
        double temperature = p.getDouble("temperature", 0);
        double minConfidence = p.getDouble("minConfidence", 0);
        if (temperature < 0 || minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("parameter 'temperature' must be >= 0 and 'minConfidence' within [0, 1]");
        }
        return new LlmSettings(p.getString("baseUrl", "https://api.openai.com/v1"), model,
                apiKey == null ? "" : apiKey, Duration.ofMillis(positive(p, "timeoutMillis", 20_000)), temperature,
                p.getBoolean("jsonMode", true), p.getInt("maxTokens", 512), p.getBoolean("stream", false),
                Duration.ofMillis(positive(p, "deadlineMillis", 30_000)), priority, queue,
                (long) p.getDouble("tokenBudget", Long.MAX_VALUE), decimal(p, "costBudget"),
                decimal(p, "costPer1kTokens") == null ? BigDecimal.ZERO : decimal(p, "costPer1kTokens"), mode,
                recordings == null ? null : Path.of(recordings), minConfidence, fallback, Set.copyOf(features));
    }

    /**
     * Reads a template given inline ({@code <key>}) or as a file ({@code <key>File}).
     *
     * @return the text, or {@code null} if neither is set
     */
    static String templateText(Parameters p, String key) {
        String inline = p.getString(key, null);
        String file = p.getString(key + "File", null);
        if (inline != null && file != null) {
            throw new IllegalArgumentException("set either '" + key + "' or '" + key + "File', not both");
        }
        if (file == null) {
            return inline;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("parameter '" + key + "File': cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * @param run the run mode of the cycle
     * @return where answers come from in that run: {@link #mode()}, or for {@link Mode#AUTO} replay in a
     *     backtest, else record if {@code recordings} is set and live if not
     * @throws IllegalArgumentException for {@code auto} in a backtest without {@code recordings}
     * @throws IllegalStateException for {@code REPLAY}, which is no run's mode: a replayed context is answered
     *     from {@link RecordedAnswers}, never through a session
     */
    Mode effectiveMode(dev.stratagem.api.RunMode run) {
        if (run == dev.stratagem.api.RunMode.REPLAY) {
            throw new IllegalStateException("a replayed context opens no session: it is answered from the recording");
        }
        if (mode != Mode.AUTO) {
            return mode;
        }
        return switch (run) {
            case BACKTEST -> {
                if (recordings == null) {
                    throw new IllegalArgumentException("parameter 'mode' auto replays recorded answers in a backtest:"
                            + " set 'recordings' to the folder a record, paper or live run wrote, or set mode: record"
                            + " to call the model");
                }
                yield Mode.REPLAY;
            }
            case PAPER, LIVE -> recordings == null ? Mode.LIVE : Mode.RECORD;
            case REPLAY -> throw new IllegalStateException("unreachable: checked above");
        };
    }

    Set<String> requiredFeatures() {
        Set<String> all = new HashSet<>(features);
        if (fallback != null) {
            all.addAll(fallback.features());
        }
        return Set.copyOf(all);
    }

    private static long positive(Parameters p, String key, long def) {
        double v = p.getDouble(key, def);
        if (!(v > 0)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be positive, was " + v);
        }
        return (long) v;
    }

    private static BigDecimal decimal(Parameters p, String key) {
        String v = p.getString(key, null);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "' must be a decimal number, was '" + v + "'");
        }
    }
}
