package dev.stratagem.runtime.risk;

import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;

/**
 * Rounds the size down to a whole number of lots, exactly in decimal ({@code 0.3} at lot {@code 0.1} stays
 * {@code 0.3}); rejects it if that leaves nothing or less than the instrument's minimum quantity.
 */
public final class LotSizeCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "lot-size";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        PricedOrder order = PricedOrder.of(instruction, context);
        Instrument instrument = order.instrument();
        BigDecimal qty = order.quantity();
        BigDecimal lots = Lots.floor(qty, instrument);
        boolean rounded = lots.compareTo(qty) != 0;
        String lot = Decimals.plain(instrument.lotSize());
        if (lots.signum() == 0) {
            return RiskVerdict.reject("quantity " + Decimals.plain(qty) + " is less than one lot of " + lot);
        }
        String sized = rounded
                ? "rounded " + Decimals.plain(qty) + " down to lot size " + lot + ": " + Decimals.plain(lots)
                : "quantity " + Decimals.plain(qty);
        if (lots.compareTo(Decimals.dec(instrument.minQuantity())) < 0) {
            return RiskVerdict.reject(sized + ", below the minimum quantity " + Decimals.plain(instrument.minQuantity()));
        }
        return rounded ? RiskVerdict.clamp(lots.doubleValue(), sized) : RiskVerdict.ACCEPT;
    }
}
