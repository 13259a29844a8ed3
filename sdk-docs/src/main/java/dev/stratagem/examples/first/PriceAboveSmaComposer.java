package dev.stratagem.examples.first;

// tag::composer[]
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.TradeInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/** Holds a long position while the close is above its simple moving average. */
@Extension
public class PriceAboveSmaComposer implements DecisionComposer {

    private String sma = "sma_20";
    private double quantity = 100;

    @Override
    public String id() {
        return "price-above-sma";
    }

    @Override
    public void configure(Parameters params) {
        params.requireOnly(id(), Set.of("period", "quantity"));
        int period = params.getInt("period", 20);
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2, was " + period);
        }
        sma = "sma_" + period;
        quantity = params.getDouble("quantity", 100);
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
    }

    @Override
    public Set<String> requiredFeatures() {
        return Set.of("close", sma);
    }

    @Override
    public ComposeResult compose(ComposeContext context) {
        List<TradeInstruction> orders = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (FeatureVector f : context.features()) {
            double close = f.get("close");
            double average = f.get(sma);
            double held = context.portfolio().quantity(f.symbol());
            if (close > average && held == 0) {
                orders.add(TradeInstruction.buy(f.symbol(), quantity));
                why.append(f.symbol()).append(" close ").append(close).append(" above ").append(sma).append(' ').append(average);
            } else if (close < average && held > 0) {
                orders.add(TradeInstruction.sell(f.symbol(), held));
                why.append(f.symbol()).append(" close ").append(close).append(" below ").append(sma).append(' ').append(average);
            }
        }
        return orders.isEmpty() ? ComposeResult.noop("no signal") : new ComposeResult(orders, why.toString());
    }
}
// end::composer[]
