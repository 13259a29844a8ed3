package dev.stratagem.plugins.llm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stage of the agent pipeline before Execution, and its answer contract: a JSON object with
 * {@code "proceed": boolean}, {@code "reason": string} and the stage's own fields. {@code proceed: false}
 * stops the chain with the reason.
 */
enum AgentStage {
    /** Thesis, symbol, side, confidence. */
    DIRECTOR("director", Map.of("thesis", "string", "symbol", "string", "side", "string", "confidence", "number"),
            "You are the Director of a trading desk. Form a thesis from the data: which symbol, which side, how "
                    + "confident. Answer with one JSON object: {\"proceed\": boolean, \"reason\": string, \"thesis\": "
                    + "string, \"symbol\": string, \"side\": \"BUY\" | \"SELL\", \"confidence\": number from 0 to 1}."),
    /** Technical check and score. */
    QUANT("quant", Map.of("check", "string", "score", "number"),
            "You are the Quant. Check the Director's thesis against the technical features and score it. Answer "
                    + "with one JSON object: {\"proceed\": boolean, \"reason\": string, \"check\": string, "
                    + "\"score\": number from 0 to 1}."),
    /** Size, stop-loss, take-profit. */
    RISK("risk", Map.of("quantity", "number"),
            "You are the Risk manager. Size the trade against buying power and the constraints; set a stop-loss "
                    + "and a take-profit. Answer with one JSON object: {\"proceed\": boolean, \"reason\": string, "
                    + "\"quantity\": number > 0, \"stopLoss\": number or null, \"takeProfit\": number or null}.");

    final String key;
    final Map<String, String> fields;
    final String system;

    AgentStage(String key, Map<String, String> fields, String system) {
        this.key = key;
        // Map.of iterates in a per-JVM order; repair prompts list errors in field order and are hashed for
        // replay, so the order must be fixed.
        this.fields = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(fields));
        this.system = system;
    }

    /** @return the contract errors of an answer, empty if valid (a stop needs only proceed and reason) */
    @SuppressWarnings("unchecked")
    List<String> errors(String answer) {
        Object root;
        try {
            root = Json.parse(DecisionSchema.unfence(answer));
        } catch (IllegalArgumentException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> raw)) {
            return List.of("the answer must be a JSON object");
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        List<String> errors = new ArrayList<>();
        if (!(m.get("proceed") instanceof Boolean proceed)) {
            errors.add("'proceed' must be true or false");
            return errors;
        }
        if (!(m.get("reason") instanceof String)) {
            errors.add("'reason' must be a string");
        }
        if (proceed) {
            fields.forEach((field, type) -> {
                Object v = m.get(field);
                boolean ok = type.equals("number") ? v instanceof BigDecimal : v instanceof String;
                if (!ok) {
                    errors.add("'" + field + "' must be a " + type);
                }
            });
            if (this == RISK && m.get("quantity") instanceof BigDecimal q && q.signum() <= 0) {
                errors.add("'quantity' must be > 0");
            }
            if (this == RISK) {
                DecisionSchema.level(m.get("stopLoss"), "'stopLoss'", errors);
                DecisionSchema.level(m.get("takeProfit"), "'takeProfit'", errors);
            }
        }
        return errors;
    }

    /**
     * @param answers the parsed answers of the stages that proceeded
     * @return the Risk stage's stop-loss / take-profit for the Director's symbol (empty if none)
     */
    static Map<String, ProtectiveExits.Proposal> levels(Map<AgentStage, Map<String, Object>> answers) {
        Map<String, Object> risk = answers.get(RISK);
        if (risk == null || !(answers.get(DIRECTOR).get("symbol") instanceof String symbol)) {
            return Map.of();
        }
        List<String> ignored = new ArrayList<>();
        double stop = DecisionSchema.level(risk.get("stopLoss"), "risk.stopLoss", ignored);
        double target = DecisionSchema.level(risk.get("takeProfit"), "risk.takeProfit", ignored);
        return Double.isNaN(stop) && Double.isNaN(target) ? Map.of()
                : Map.of(symbol, new ProtectiveExits.Proposal(stop, target));
    }

    /** @return the parsed answer of a valid one */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String answer) {
        return (Map<String, Object>) Json.parse(DecisionSchema.unfence(answer));
    }
}
