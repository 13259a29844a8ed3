package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;

/** Rejects an order for a symbol the strategy does not trade, or one without a usable reference price. */
public final class UnknownInstrumentCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "unknown-instrument";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        String symbol = instruction.symbol();
        if (!context.instruments().containsKey(symbol)) {
            return RiskVerdict.reject("unknown instrument " + symbol);
        }
        double price = context.price(symbol);
        if (!Double.isFinite(price) || price <= 0) {
            return RiskVerdict.reject("no price for " + symbol);
        }
        return RiskVerdict.ACCEPT;
    }
}
