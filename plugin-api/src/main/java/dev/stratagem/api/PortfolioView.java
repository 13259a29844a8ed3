package dev.stratagem.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view of a strategy's portfolio, as a composer and the guardrails see it.
 *
 * <p>The ledger behind it is exact (decimal arithmetic); the view reports it in {@code double}.
 *
 * @param ts the time of the view, epoch milliseconds
 * @param cash the cash balance (after fees and realized PnL)
 * @param equity cash plus the marked value of all positions
 * @param grossExposure the sum of absolute position values
 * @param netExposure the sum of signed position values
 * @param realizedPnl the realized profit and loss since the start, net of fees
 * @param fees the fees paid since the start
 * @param positions the open positions, ordered by symbol
 * @param constraints the limits the strategy trades under
 */
public record PortfolioView(
        long ts,
        double cash,
        double equity,
        double grossExposure,
        double netExposure,
        double realizedPnl,
        double fees,
        List<PositionSnapshot> positions,
        Constraints constraints) {

    /** Validates the fields and copies the position list. */
    public PortfolioView {
        Checks.finite(cash, "cash");
        Checks.finite(equity, "equity");
        Checks.nonNegative(grossExposure, "grossExposure");
        Checks.finite(netExposure, "netExposure");
        Checks.finite(realizedPnl, "realizedPnl");
        Checks.nonNegative(fees, "fees");
        positions = List.copyOf(positions);
        Objects.requireNonNull(constraints, "constraints");
    }

    /** @return gross exposure divided by equity; infinite if equity is not positive and exposure is */
    public double leverage() {
        if (grossExposure == 0) {
            return 0;
        }
        return equity > 0 ? grossExposure / equity : Double.POSITIVE_INFINITY;
    }

    /**
     * @param symbol an instrument symbol
     * @return its position, if one is open
     */
    public Optional<PositionSnapshot> position(String symbol) {
        for (int i = 0; i < positions.size(); i++) {   // composers ask every bar: no iterator
            PositionSnapshot p = positions.get(i);
            if (p.symbol().equals(symbol)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * @param symbol an instrument symbol
     * @return its signed quantity, zero when flat
     */
    public double quantity(String symbol) {
        for (int i = 0; i < positions.size(); i++) {
            PositionSnapshot p = positions.get(i);
            if (p.symbol().equals(symbol)) {
                return p.quantity();
            }
        }
        return 0;
    }
}
