package dev.stratagem.runtime.risk;

import dev.stratagem.api.Instrument;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The positions and cash the portfolio will have once pending orders and the instructions accepted so far
 * in this cycle fill at reference prices. Kept in decimals so a long cycle does not drift; made only once there is
 * something to add: the first instruction of a cycle without pending orders (almost every one) reads the
 * portfolio as it is.
 */
final class Projection {

    private final PortfolioView portfolio;
    private final Map<String, Instrument> instruments;
    private final Map<String, Double> prices;
    private final Map<String, Double> pending;
    /** Whether a pending order has a quantity to add (checked once, with the pending orders). */
    private final boolean anyPending;
    /** Null until something is added to the portfolio as it is. */
    private Map<String, BigDecimal> quantities;
    private BigDecimal cash;
    /** Accepted instructions not yet added to {@link #quantities}, at their symbols' reference prices. */
    private final List<TradeInstruction> accepted = new ArrayList<>(1);
    private RiskContext context;

    Projection(PortfolioView portfolio, Map<String, Instrument> instruments, Map<String, Double> prices,
            Map<String, Double> pendingQuantities) {
        this.portfolio = portfolio;
        this.instruments = instruments;
        this.prices = prices;
        this.pending = pendingQuantities;
        boolean any = false;
        for (Map.Entry<String, Double> pending : pendingQuantities.entrySet()) {
            double qty = pending.getValue();
            if (qty == 0) {
                continue;
            }
            any = true;
            String symbol = pending.getKey();
            Double price = prices.get(symbol);
            if (!Double.isFinite(qty) || price == null || !Double.isFinite(price)) {
                throw new IllegalArgumentException("pending quantity " + qty + " of " + symbol
                        + " cannot be projected: needs a finite quantity and a reference price, price is " + price);
            }
        }
        this.anyPending = any;
    }

    /** The context for the next instruction; the same instance until an instruction is accepted. */
    RiskContext context() {
        if (context == null) {
            if (quantities == null && accepted.isEmpty() && !anyPending && asItIs()) {
                context = new RiskContext(portfolio, instruments, prices, held(), portfolio.cash() + 0.0);
            } else {
                projectAll();
                Map<String, Double> projected = HashMap.newHashMap(quantities.size());
                quantities.forEach((symbol, qty) -> projected.put(symbol, qty.doubleValue()));
                context = new RiskContext(portfolio, instruments, prices, projected, cash.doubleValue());
            }
        }
        return context;
    }

    /** Books an accepted instruction at its symbol's (finite, positive) reference price. */
    void accept(TradeInstruction instruction) {
        accepted.add(instruction);
        context = null;
    }

    /** The one position's quantity (or none) as the decimals would give it back ({@code + 0.0}: no negative zero). */
    private Map<String, Double> held() {
        List<PositionSnapshot> positions = portfolio.positions();
        return positions.isEmpty() ? Map.of()
                : Map.of(positions.getFirst().symbol(), positions.getFirst().quantity() + 0.0);
    }

    /** Whether the portfolio can be read as it is: at most one position, finite numbers (else the decimals fail). */
    private boolean asItIs() {
        List<PositionSnapshot> positions = portfolio.positions();
        return Double.isFinite(portfolio.cash())
                && (positions.isEmpty() || positions.size() == 1 && Double.isFinite(positions.getFirst().quantity()));
    }

    /** Adds the pending orders (the first time) and the instructions accepted since, in decimals. */
    private void projectAll() {
        if (quantities == null) {
            quantities = new HashMap<>();
            cash = Decimals.dec(portfolio.cash());
            for (PositionSnapshot p : portfolio.positions()) {
                quantities.merge(p.symbol(), Decimals.dec(p.quantity()), BigDecimal::add);
            }
            for (Map.Entry<String, Double> pending : pending.entrySet()) {
                if (pending.getValue() != 0) {
                    add(pending.getKey(), Decimals.dec(pending.getValue()), Decimals.dec(prices.get(pending.getKey())));
                }
            }
        }
        for (TradeInstruction instruction : accepted) {
            String symbol = instruction.symbol();
            add(symbol, Decimals.dec(instruction.signedQuantity()), Decimals.dec(prices.get(symbol)));
        }
        accepted.clear();
    }

    private void add(String symbol, BigDecimal signedQty, BigDecimal price) {
        cash = cash.subtract(signedQty.multiply(price));
        BigDecimal after = quantities.getOrDefault(symbol, BigDecimal.ZERO).add(signedQty);
        if (after.signum() == 0) {
            quantities.remove(symbol);
        } else {
            quantities.put(symbol, after);
        }
    }
}
