package dev.stratagem.plugins.template;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.TradeInstruction;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The template composer ({@code template}): long {@code quantity} while the close is above
 * {@code sma_<window>}, flat otherwise. Rename it, change {@link #compose}, rebuild, drop the jar into
 * {@code plugins/}: running strategies switch to it at their next cycle.
 */
@Extension
public final class TemplateComposer implements DecisionComposer {

    private int window = 20;
    private double quantity = 100;
    private long decisions;

    @Override
    public String id() {
        return "template";
    }

    @Override
    public void configure(Parameters params) {
        params.requireOnly(id(), Set.of("window", "quantity"));
        window = params.getInt("window", window);
        quantity = params.getDouble("quantity", quantity);
        if (window < 1 || !(quantity > 0)) {
            throw new IllegalArgumentException(id() + ": window must be >= 1 and quantity > 0");
        }
    }

    @Override
    public Set<String> requiredFeatures() {
        return Set.of("close", "sma_" + window);
    }

    @Override
    public ComposeResult compose(ComposeContext context) {
        decisions++;
        StringBuilder why = new StringBuilder();
        var orders = new java.util.ArrayList<TradeInstruction>();
        for (FeatureVector f : context.features()) {
            double close = f.get("close");
            double sma = f.get("sma_" + window);
            double held = context.portfolio().quantity(f.symbol());
            if (close > sma && held == 0) {
                orders.add(TradeInstruction.buy(f.symbol(), quantity));
                why.append(f.symbol()).append(" close above sma_").append(window).append("; ");
            } else if (close < sma && held > 0) {
                orders.add(TradeInstruction.sell(f.symbol(), held));
                why.append(f.symbol()).append(" close below sma_").append(window).append("; ");
            }
        }
        return new ComposeResult(orders, why.isEmpty() ? "hold (decision " + decisions + ")" : why.toString());
    }

    /** Hands the decision count to the next version of this jar (see sdk-docs/hot-reload.md). */
    @Override
    public Map<String, Object> snapshot() {
        return Map.of("decisions", decisions);
    }

    @Override
    public void restore(Map<String, Object> state) {
        if (state.get("decisions") instanceof Number n) {
            decisions = n.longValue();
        }
    }
}
