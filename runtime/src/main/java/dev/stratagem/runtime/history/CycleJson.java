package dev.stratagem.runtime.history;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.TradeInstruction;
import java.util.List;

/**
 * The JSON form of a {@link CycleRecord}, as stored in the history; {@code fromJson(toJson(r)).equals(r)}.
 *
 * <p>Records are written from their fields and read through their canonical constructors, so derived
 * accessors ({@code isOpen()}, {@code isLong()}, {@code total()}) never become properties. JSON has no NaN
 * or infinity: they are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"},
 * which both H2's JSON and PostgreSQL's JSONB accept, and read back as the doubles they were.
 */
public final class CycleJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .addMixIn(ComposeResult.class, ComposeResultJson.class)
            .addMixIn(ComposeContext.class, ComposeContextJson.class)
            .addMixIn(TradeDigest.class, TradeDigestJson.class)
            .build();

    private static final ObjectWriter WRITER = MAPPER.writerFor(CycleRecord.class);

    private CycleJson() {}

    /**
     * {@link ComposeResult} is a class with a lazily written rationale, not a record: it goes by its accessors
     * and text constructor, as the record did, never by its fields.
     */
    @JsonAutoDetect(fieldVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
    @JsonPropertyOrder({"instructions", "rationale"})
    private abstract static class ComposeResultJson {
        @JsonCreator
        ComposeResultJson(@JsonProperty("instructions") List<TradeInstruction> instructions,
                @JsonProperty("rationale") String rationale) {}

        @JsonProperty("instructions")
        abstract List<TradeInstruction> instructions();

        @JsonProperty("rationale")
        abstract String rationale();
    }

    /**
     * {@link ComposeContext} is a class with a lazily written compose id, not a record: like {@link ComposeResult}
     * it goes by its accessors and public constructor, as the record did.
     */
    @JsonAutoDetect(fieldVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
    @JsonPropertyOrder({"ts", "composeId", "strategyId", "features", "portfolio", "digest", "mode"})
    private abstract static class ComposeContextJson {
        @JsonCreator
        ComposeContextJson(@JsonProperty("ts") long ts, @JsonProperty("composeId") String composeId,
                @JsonProperty("strategyId") String strategyId, @JsonProperty("features") List<FeatureVector> features,
                @JsonProperty("portfolio") PortfolioView portfolio, @JsonProperty("digest") TradeDigest digest,
                @JsonProperty("mode") RunMode mode) {}

        @JsonProperty("ts")
        abstract long ts();

        @JsonProperty("composeId")
        abstract String composeId();

        @JsonProperty("strategyId")
        abstract String strategyId();

        @JsonProperty("features")
        abstract List<FeatureVector> features();

        @JsonProperty("portfolio")
        abstract PortfolioView portfolio();

        @JsonProperty("digest")
        abstract TradeDigest digest();

        @JsonProperty("mode")
        abstract RunMode mode();
    }

    /** {@link TradeDigest} is a class with a lazily computed Sharpe ratio: by its accessors and constructor. */
    @JsonAutoDetect(fieldVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
    @JsonPropertyOrder({"ts", "entries", "sharpe"})
    private abstract static class TradeDigestJson {
        @JsonCreator
        TradeDigestJson(@JsonProperty("ts") long ts, @JsonProperty("entries") List<TradeDigestEntry> entries,
                @JsonProperty("sharpe") double sharpe) {}

        @JsonProperty("ts")
        abstract long ts();

        @JsonProperty("entries")
        abstract List<TradeDigestEntry> entries();

        @JsonProperty("sharpe")
        abstract double sharpe();
    }

    /**
     * @param record a cycle record
     * @return its JSON text
     */
    public static String toJson(CycleRecord record) {
        try {
            return WRITER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write cycle " + record.composeId() + " as JSON", e);
        }
    }

    /**
     * @param json the JSON text of a cycle record
     * @return the record
     * @throws IllegalArgumentException if the text is not a valid cycle record
     */
    public static CycleRecord fromJson(String json) {
        try {
            // a tree, not a text search for "mode": PostgreSQL's JSONB gives the text back as {"mode": "PAPER"}
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a cycle record: not a JSON object: " + abbreviate(json));
            }
            return MAPPER.treeToValue(withRunMode(root), CycleRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a cycle record: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A record written before {@code ComposeContext} carried the run mode: its context gets the mode of its
     * run, which the run id's prefix tells ({@code lv-} live, {@code pp-} paper, else backtest). A stored mode
     * is kept.
     */
    private static JsonNode withRunMode(JsonNode root) {
        if (root.get("context") instanceof ObjectNode context && !context.has("mode")) {
            String runId = root.path("runId").asText("");
            context.put("mode", runId.startsWith("lv-") ? "LIVE" : runId.startsWith("pp-") ? "PAPER" : "BACKTEST");
        }
        return root;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** The record as UTF-8 JSON, the same text as {@link #toJson}: what the history writer stores. */
    static byte[] toJsonBytes(CycleRecord record) {
        try {
            return WRITER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write cycle " + record.composeId() + " as JSON", e);
        }
    }

    /** Reads a value {@link #write} wrote (a trade digest, a portfolio view...). */
    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not valid JSON: " + e.getMessage(),
                    e);
        }
    }

    static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
