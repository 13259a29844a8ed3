package dev.stratagem.runtime.risk;

import dev.stratagem.api.Instrument;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The positions and cash the portfolio will have once pending orders and the instructions accepted so far
 * in this cycle fill at reference prices. Kept in decimals so a long cycle does not drift.
 */
final class Projection {

    private final PortfolioView portfolio;
    private final Map<String, Instrument> instruments;
    private final Map<String, Double> prices;
    private final Map<String, BigDecimal> quantities = new HashMap<>();
    private BigDecimal cash;
    private RiskContext context;

    Projection(PortfolioView portfolio, Map<String, Instrument> instruments, Map<String, Double> prices,
            Map<String, Double> pendingQuantities) {
        this.portfolio = portfolio;
        this.instruments = instruments;
        this.prices = prices;
        this.cash = Decimals.dec(portfolio.cash());
        for (PositionSnapshot p : portfolio.positions()) {
            quantities.merge(p.symbol(), Decimals.dec(p.quantity()), BigDecimal::add);
        }
        for (Map.Entry<String, Double> pending : pendingQuantities.entrySet()) {
            double qty = pending.getValue();
            if (qty == 0) {
                continue;
            }
            String symbol = pending.getKey();
            Double price = prices.get(symbol);
            if (!Double.isFinite(qty) || price == null || !Double.isFinite(price)) {
                throw new IllegalArgumentException("pending quantity " + qty + " of " + symbol
                        + " cannot be projected: needs a finite quantity and a reference price, price is " + price);
            }
            add(symbol, Decimals.dec(qty), Decimals.dec(price));
        }
    }

    /** The context for the next instruction; the same instance until an instruction is accepted. */
    RiskContext context() {
        if (context == null) {
            Map<String, Double> projected = HashMap.newHashMap(quantities.size());
            quantities.forEach((symbol, qty) -> projected.put(symbol, qty.doubleValue()));
            context = new RiskContext(portfolio, instruments, prices, projected, cash.doubleValue());
        }
        return context;
    }

    /** Books an accepted instruction at its (finite, positive) reference price. */
    void accept(TradeInstruction instruction, double price) {
        add(instruction.symbol(), Decimals.dec(instruction.signedQuantity()), Decimals.dec(price));
    }

    private void add(String symbol, BigDecimal signedQty, BigDecimal price) {
        cash = cash.subtract(signedQty.multiply(price));
        BigDecimal after = quantities.getOrDefault(symbol, BigDecimal.ZERO).add(signedQty);
        if (after.signum() == 0) {
            quantities.remove(symbol);
        } else {
            quantities.put(symbol, after);
        }
        context = null;
    }
}
