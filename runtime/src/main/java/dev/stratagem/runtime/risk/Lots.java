package dev.stratagem.runtime.risk;

import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskVerdict;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Lot arithmetic shared by every check that clamps: a clamped size is always a whole number of lots. */
final class Lots {

    private Lots() {}

    /** The largest multiple of the instrument's lot size that is {@code <= qty}. */
    static BigDecimal floor(BigDecimal qty, Instrument instrument) {
        BigDecimal lot = Decimals.dec(instrument.lotSize());
        return qty.divide(lot, 0, RoundingMode.FLOOR).multiply(lot);
    }

    static double floor(double qty, Instrument instrument) {
        if (instrument.lotSize() == 1 && PricedOrder.isWhole(qty)) {
            return qty;
        }
        return floor(Decimals.dec(qty), instrument).doubleValue();
    }

    /**
     * The verdict for an order of {@code qty} that may trade at most {@code bound}: accept if it fits,
     * else clamp to the largest lot multiple within the bound, else reject because nothing tradable fits.
     *
     * @param why what is over which limit, the start of the reason
     */
    static RiskVerdict clampOrReject(BigDecimal qty, BigDecimal bound, Instrument instrument, String why) {
        if (qty.compareTo(bound) <= 0) {
            return RiskVerdict.ACCEPT;
        }
        if (bound.signum() <= 0) {
            return RiskVerdict.reject(why + ": nothing fits");
        }
        BigDecimal lots = floor(bound, instrument);
        if (lots.signum() == 0) {
            return RiskVerdict.reject(why + ": only " + Decimals.approx(bound) + " fits, less than one lot of "
                    + Decimals.plain(instrument.lotSize()));
        }
        if (lots.compareTo(Decimals.dec(instrument.minQuantity())) < 0) {
            return RiskVerdict.reject(why + ": only " + Decimals.plain(lots) + " fits, below the minimum quantity "
                    + Decimals.plain(instrument.minQuantity()));
        }
        return RiskVerdict.clamp(lots.doubleValue(),
                why + ": clamped " + Decimals.plain(qty) + " to " + Decimals.plain(lots));
    }
}
