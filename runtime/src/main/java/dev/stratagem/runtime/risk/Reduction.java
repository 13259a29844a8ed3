package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskContext;
import dev.stratagem.api.TradeInstruction;

/** Whether an order only moves its projected position towards flat, read without a price. */
final class Reduction {

    private Reduction() {}

    static boolean reduces(TradeInstruction instruction, RiskContext context) {
        double position = context.projectedQuantity(instruction.symbol());
        double q = instruction.quantity();
        return Double.isFinite(q) && q > 0 && position != 0
                && Math.signum(position) != instruction.side().sign()
                && Decimals.dec(q).compareTo(Decimals.dec(Math.abs(position))) <= 0;
    }

    /** The size the order may keep in reduce-only mode: at most the whole position, NaN if it adds. */
    static double reducible(TradeInstruction instruction, RiskContext context) {
        double position = context.projectedQuantity(instruction.symbol());
        if (position == 0 || Math.signum(position) == instruction.side().sign()) {
            return Double.NaN;
        }
        return Math.min(instruction.quantity(), Math.abs(position));
    }
}
