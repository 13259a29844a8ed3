package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.util.Map;

/**
 * Rejects an order that opens a position in a (projected) flat symbol when {@code maxOpenPositions}
 * symbols already have a non-zero projected position. Orders in a symbol already held never open a new
 * position, so they pass.
 */
public final class MaxOpenPositionsCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "max-open-positions";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        int max = context.constraints().maxOpenPositions();
        if (max == Integer.MAX_VALUE || context.projectedQuantity(instruction.symbol()) != 0) {
            return RiskVerdict.ACCEPT;
        }
        int open = 0;
        for (Map.Entry<String, Double> e : context.projectedQuantities().entrySet()) {
            if (e.getValue() != 0 && !e.getKey().equals(instruction.symbol())) {
                open++;
            }
        }
        if (open < max) {
            return RiskVerdict.ACCEPT;
        }
        return RiskVerdict.reject("opening " + instruction.symbol() + " would make " + (open + 1)
                + " open positions, over max open positions " + max);
    }
}
