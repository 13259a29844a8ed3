package dev.stratagem.plugins.llm;

import dev.stratagem.api.OrderType;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The answer contract of a decision: one JSON object
 * {@code {"instructions": [...], "rationale": "...", "confidence": 0.0-1.0}}, each instruction
 * {@code {"symbol", "side": "BUY"|"SELL", "quantity" > 0, "type": "MARKET"|"LIMIT" (default MARKET),
 * "limitPrice" (LIMIT only), "reduceOnly" (default false), "stopLoss", "takeProfit" (optional prices > 0 for
 * an entry: see {@link ProtectiveExits})}}. Symbols must be among the cycle's. A fenced
 * block (```json ... ```) is accepted; anything else is an error list the composer sends back once for repair.
 */
final class DecisionSchema {

    /** The contract as the {@code {{schema}}} placeholder and the default system prompt state it. */
    static final String DESCRIPTION = """
            Answer with exactly one JSON object and nothing else:
            {"instructions": [{"symbol": string, "side": "BUY" | "SELL", "quantity": number > 0, \
            "type": "MARKET" | "LIMIT", "limitPrice": number (LIMIT only), "reduceOnly": boolean, \
            "stopLoss": number (optional), "takeProfit": number (optional)}], \
            "rationale": string, "confidence": number from 0 to 1}
            Use an empty instructions list to do nothing. On an entry, stopLoss and takeProfit are the prices at \
            which the position is closed without asking you.""";

    private static final Set<String> ROOT_KEYS = Set.of("instructions", "rationale", "confidence");
    private static final Set<String> INSTRUCTION_KEYS = Set.of("symbol", "side", "quantity", "type", "limitPrice",
            "reduceOnly", "stopLoss", "takeProfit");

    private DecisionSchema() {}

    /**
     * A valid decision.
     *
     * @param levels the stop-loss / take-profit the instructions carried, by symbol (not yet checked against
     *     the price)
     */
    record Decision(List<TradeInstruction> instructions, Map<String, ProtectiveExits.Proposal> levels,
            String rationale, double confidence) {}

    /** The outcome of reading an answer: a decision, or why not. */
    sealed interface Reading permits Valid, Invalid {}

    record Valid(Decision decision) implements Reading {}

    record Invalid(List<String> errors) implements Reading {
        String summary() {
            return String.join("; ", errors);
        }
    }

    /**
     * @param answer the model's text
     * @param symbols the cycle's symbols
     * @return the decision or the errors
     */
    static Reading read(String answer, Set<String> symbols) {
        Object root;
        try {
            root = Json.parse(unfence(answer));
        } catch (IllegalArgumentException e) {
            return new Invalid(List.of("not JSON: " + e.getMessage()));
        }
        return readObject(root, symbols);
    }

    @SuppressWarnings("unchecked")
    static Reading readObject(Object root, Set<String> symbols) {
        List<String> errors = new ArrayList<>();
        if (!(root instanceof Map<?, ?> raw)) {
            return new Invalid(List.of("the answer must be a JSON object"));
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        for (String key : map.keySet()) {
            if (!ROOT_KEYS.contains(key)) {
                errors.add("unknown key '" + key + "'");
            }
        }
        String rationale = map.get("rationale") instanceof String s ? s : null;
        if (rationale == null) {
            errors.add("'rationale' must be a string");
        }
        double confidence = number(map.get("confidence"));
        if (!(confidence >= 0 && confidence <= 1)) {
            errors.add("'confidence' must be a number from 0 to 1");
        }
        List<TradeInstruction> instructions = new ArrayList<>();
        Map<String, ProtectiveExits.Proposal> levels = new java.util.LinkedHashMap<>();
        if (!(map.get("instructions") instanceof List<?> list)) {
            errors.add("'instructions' must be a list");
        } else {
            for (int i = 0; i < list.size(); i++) {
                String at = "instructions[" + i + "]";
                TradeInstruction t = instruction(list.get(i), at, symbols, errors);
                if (t != null) {
                    instructions.add(t);
                    Map<String, Object> m = (Map<String, Object>) list.get(i);
                    double stop = level(m.get("stopLoss"), at + ".stopLoss", errors);
                    double target = level(m.get("takeProfit"), at + ".takeProfit", errors);
                    if (!Double.isNaN(stop) || !Double.isNaN(target)) {
                        levels.put(t.symbol(), new ProtectiveExits.Proposal(stop, target));
                    }
                }
            }
        }
        return errors.isEmpty() ? new Valid(new Decision(instructions, levels, rationale, confidence))
                : new Invalid(errors);
    }

    @SuppressWarnings("unchecked")
    private static TradeInstruction instruction(Object raw, String at, Set<String> symbols, List<String> errors) {
        if (!(raw instanceof Map<?, ?> m)) {
            errors.add(at + " must be an object");
            return null;
        }
        Map<String, Object> map = (Map<String, Object>) m;
        int before = errors.size();
        for (String key : map.keySet()) {
            if (!INSTRUCTION_KEYS.contains(key)) {
                errors.add(at + ": unknown key '" + key + "'");
            }
        }
        String symbol = map.get("symbol") instanceof String s ? s : null;
        if (symbol == null || !symbols.contains(symbol)) {
            errors.add(at + ".symbol must be one of " + new java.util.TreeSet<>(symbols) + ", was " + map.get("symbol"));
        }
        Side side = enumValue(Side.class, map.get("side"));
        if (side == null) {
            errors.add(at + ".side must be BUY or SELL, was " + map.get("side"));
        }
        double quantity = number(map.get("quantity"));
        if (!(quantity > 0) || !Double.isFinite(quantity)) {
            errors.add(at + ".quantity must be a number > 0, was " + map.get("quantity"));
        }
        OrderType type = map.get("type") == null ? OrderType.MARKET : enumValue(OrderType.class, map.get("type"));
        if (type == null) {
            errors.add(at + ".type must be MARKET or LIMIT, was " + map.get("type"));
        }
        double limit = Double.NaN;
        if (type == OrderType.LIMIT) {
            limit = number(map.get("limitPrice"));
            if (!(limit > 0) || !Double.isFinite(limit)) {
                errors.add(at + ".limitPrice must be a number > 0 for a LIMIT order, was " + map.get("limitPrice"));
            }
        } else if (map.get("limitPrice") != null) {
            errors.add(at + ".limitPrice is only allowed with type LIMIT");
        }
        Object reduce = map.get("reduceOnly");
        if (reduce != null && !(reduce instanceof Boolean)) {
            errors.add(at + ".reduceOnly must be true or false, was " + reduce);
        }
        if (errors.size() > before) {
            return null;
        }
        return new TradeInstruction(null, symbol, side, quantity, type, limit, Boolean.TRUE.equals(reduce));
    }

    /** @return the price, NaN if absent ({@code null} or missing); an error if it is not a number > 0 */
    static double level(Object v, String at, List<String> errors) {
        if (v == null) {
            return Double.NaN;
        }
        double price = number(v);
        if (!(price > 0) || !Double.isFinite(price)) {
            errors.add(at + " must be a price > 0 or null, was " + v);
            return Double.NaN;
        }
        return price;
    }

    private static double number(Object v) {
        return v instanceof BigDecimal d ? d.doubleValue() : Double.NaN;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Strips one surrounding Markdown code fence, which chat models add even in JSON mode. */
    static String unfence(String answer) {
        String s = answer.strip();
        if (s.startsWith("```") && s.endsWith("```") && s.length() >= 6) {
            int firstLine = s.indexOf('\n');
            if (firstLine > 0) {
                return s.substring(firstLine + 1, s.length() - 3).strip();
            }
        }
        return s;
    }
}
