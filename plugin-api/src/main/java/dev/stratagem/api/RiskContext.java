package dev.stratagem.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a guardrail needs besides the instruction: the portfolio, the instrument definitions, reference
 * prices and the position each instrument will have once the instructions already accepted in this cycle
 * (and any working orders) fill.
 *
 * @param portfolio the portfolio before this cycle's orders
 * @param instruments the strategy's instruments by symbol
 * @param prices the reference price of each instrument (its latest close)
 * @param projectedQuantities the signed position of each instrument after pending orders, by symbol
 * @param projectedCash the cash after pending orders, at reference prices
 */
public record RiskContext(
        PortfolioView portfolio,
        Map<String, Instrument> instruments,
        Map<String, Double> prices,
        Map<String, Double> projectedQuantities,
        double projectedCash) {

    /** Validates and copies the maps. */
    public RiskContext {
        Objects.requireNonNull(portfolio, "portfolio");
        instruments = Map.copyOf(instruments);
        prices = Map.copyOf(prices);
        projectedQuantities = Map.copyOf(projectedQuantities);
    }

    /** @return the strategy's limits */
    public Constraints constraints() {
        return portfolio.constraints();
    }

    /**
     * @param symbol a symbol
     * @return its reference price, {@code NaN} if unknown
     */
    public double price(String symbol) {
        Double p = prices.get(symbol);
        return p == null ? Double.NaN : p;
    }

    /**
     * @param symbol a symbol
     * @return its projected signed position
     */
    public double projectedQuantity(String symbol) {
        Double q = projectedQuantities.get(symbol);
        return q == null ? 0 : q;
    }
}
