package dev.stratagem.runtime.config;

import dev.stratagem.api.Constraints;

/**
 * Trading limits as written in a strategy file; an absent limit means none.
 *
 * @param maxPositionQuantity largest absolute position per instrument, units
 * @param maxPositionNotional largest absolute position value per instrument
 * @param maxOrderNotional largest single order value
 * @param maxLeverage largest gross exposure over equity
 * @param maxOpenPositions largest number of open positions
 * @param allowShort whether positions may go below zero (default false)
 */
public record ConstraintsConfig(
        Double maxPositionQuantity,
        Double maxPositionNotional,
        Double maxOrderNotional,
        Double maxLeverage,
        Integer maxOpenPositions,
        Boolean allowShort) {

    /** @return the plugin API constraints */
    public Constraints toConstraints() {
        return new Constraints(
                orInfinity(maxPositionQuantity),
                orInfinity(maxPositionNotional),
                orInfinity(maxOrderNotional),
                orInfinity(maxLeverage),
                maxOpenPositions == null ? Integer.MAX_VALUE : maxOpenPositions,
                allowShort != null && allowShort);
    }

    private static double orInfinity(Double limit) {
        return limit == null ? Double.POSITIVE_INFINITY : limit;
    }
}
