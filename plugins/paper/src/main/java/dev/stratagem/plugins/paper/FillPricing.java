package dev.stratagem.plugins.paper;

import dev.stratagem.api.Side;
import java.math.BigDecimal;

/**
 * Fill prices and fees. Computed in decimal from the shortest decimal form of each double and rounded to
 * double once, so {@code 10.0} with 5 bps of slippage is exactly the double nearest {@code 10.005}.
 *
 * @param slippage the slippage as a fraction of the price
 * @param feeRate the fee as a fraction of the notional
 */
record FillPricing(BigDecimal slippage, BigDecimal feeRate) {

    static FillPricing of(PaperConfig config) {
        return new FillPricing(
                BigDecimal.valueOf(config.slippageBps()).movePointLeft(4),
                BigDecimal.valueOf(config.feeBps()).movePointLeft(4));
    }

    /** @return the reference price moved against the trader: a buy pays more, a sell gets less */
    double price(Side side, double reference) {
        if (slippage.signum() == 0) {
            return reference;
        }
        BigDecimal factor = side == Side.BUY ? BigDecimal.ONE.add(slippage) : BigDecimal.ONE.subtract(slippage);
        return BigDecimal.valueOf(reference).multiply(factor).doubleValue();
    }

    /** @return the slipped price, never worse than the limit */
    double limitPrice(Side side, double reference, double limit) {
        double slipped = price(side, reference);
        return side == Side.BUY ? Math.min(slipped, limit) : Math.max(slipped, limit);
    }

    /** @return {@code |quantity * price| * feeRate} */
    double fee(double quantity, double price) {
        if (feeRate.signum() == 0) {
            return 0;
        }
        return BigDecimal.valueOf(quantity).multiply(BigDecimal.valueOf(price)).abs().multiply(feeRate).doubleValue();
    }
}
