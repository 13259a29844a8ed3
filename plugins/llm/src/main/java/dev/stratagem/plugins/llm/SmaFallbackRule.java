package dev.stratagem.plugins.llm;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.TradeInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in fallback ({@code fallback: sma-crossover}): long {@code quantity} on a cross of
 * {@code sma_<fast>} above {@code sma_<slow>}, close the long on a cross below. It sees every cycle
 * ({@link #observe}) so it knows the previous bar's averages whenever the model is unavailable. A copy of
 * the rules plugin's rule, kept here so this plugin does not depend on another plugin's jar.
 */
final class SmaFallbackRule {

    private final String fastName;
    private final String slowName;
    private final double quantity;
    private final Map<String, Double> previousDiff = new HashMap<>();
    private final Map<String, Double> currentDiff = new HashMap<>();

    SmaFallbackRule(int fast, int slow, double quantity) {
        if (fast < 1 || slow <= fast || !(quantity > 0)) {
            throw new IllegalArgumentException("fallback: need 1 <= fallbackFast < fallbackSlow and fallbackQuantity > 0");
        }
        this.fastName = "sma_" + fast;
        this.slowName = "sma_" + slow;
        this.quantity = quantity;
    }

    Set<String> features() {
        return Set.of(fastName, slowName);
    }

    /** Tracks the averages; call once per cycle, before {@link #decide}. */
    void observe(ComposeContext ctx) {
        for (FeatureVector f : ctx.features()) {
            Double before = currentDiff.get(f.symbol());
            if (before != null) {
                previousDiff.put(f.symbol(), before);
            }
            if (f.has(fastName) && f.has(slowName)) {
                double diff = f.get(fastName) - f.get(slowName);
                if (!Double.isNaN(diff)) {
                    currentDiff.put(f.symbol(), diff);
                }
            }
        }
    }

    ComposeResult decide(ComposeContext ctx) {
        List<TradeInstruction> out = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (FeatureVector f : ctx.features()) {
            String s = f.symbol();
            Double before = previousDiff.get(s);
            Double now = currentDiff.get(s);
            double position = ctx.portfolio().quantity(s);
            why.append(why.isEmpty() ? "" : "; ").append(s).append(": ");
            if (before == null || now == null) {
                why.append("sma warming up");
            } else if (before <= 0 && now > 0 && position == 0) {
                out.add(TradeInstruction.buy(s, quantity));
                why.append(fastName).append(" crossed above ").append(slowName).append(": buy ").append(quantity);
            } else if (before >= 0 && now < 0 && position > 0) {
                out.add(TradeInstruction.sell(s, position).asReduceOnly());
                why.append(fastName).append(" crossed below ").append(slowName).append(": close long ").append(position);
            } else {
                why.append("no sma cross action");
            }
        }
        return new ComposeResult(out, why.toString());
    }
}
