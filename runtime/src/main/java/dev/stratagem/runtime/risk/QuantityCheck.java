package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;

/** Rejects a NaN, infinite, zero or negative size: a composer's mistake, recorded with the value. */
public final class QuantityCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "quantity";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        double qty = instruction.quantity();
        if (Double.isNaN(qty)) {
            return RiskVerdict.reject("quantity is NaN");
        }
        if (Double.isInfinite(qty)) {
            return RiskVerdict.reject("quantity " + qty + " is not finite");
        }
        if (qty <= 0) {
            return RiskVerdict.reject("quantity " + Decimals.plain(qty) + " is not positive");
        }
        return RiskVerdict.ACCEPT;
    }
}
