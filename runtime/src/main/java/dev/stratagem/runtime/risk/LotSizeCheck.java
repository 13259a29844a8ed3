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
        double size = order.size();
        if (instrument.lotSize() == 1 && PricedOrder.isWhole(size) && size >= instrument.minQuantity()) {
            return RiskVerdict.ACCEPT;   // whole shares: a whole number of lots, compared exactly in doubles
        }
        BigDecimal qty = order.quantity();
        BigDecimal lots = Lots.floor(qty, instrument);
        boolean rounded = lots.compareTo(qty) != 0;
        if (lots.signum() == 0) {
            return RiskVerdict.reject("quantity " + Decimals.plain(qty) + " is less than one lot of "
                    + Decimals.plain(instrument.lotSize()));
        }
        boolean belowMinimum = lots.compareTo(Decimals.dec(instrument.minQuantity())) < 0;
        if (!rounded && !belowMinimum) {
            return RiskVerdict.ACCEPT;   // almost every order: no reason text to write
        }
        String sized = rounded
                ? "rounded " + Decimals.plain(qty) + " down to lot size " + Decimals.plain(instrument.lotSize()) + ": "
                        + Decimals.plain(lots)
                : "quantity " + Decimals.plain(qty);
        if (belowMinimum) {
            return RiskVerdict.reject(sized + ", below the minimum quantity " + Decimals.plain(instrument.minQuantity()));
        }
        return RiskVerdict.clamp(lots.doubleValue(), sized);
    }
}
