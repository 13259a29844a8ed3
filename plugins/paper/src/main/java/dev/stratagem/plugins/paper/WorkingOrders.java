package dev.stratagem.plugins.paper;

import dev.stratagem.api.Candle;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Orders waiting for a bar, in submission order. Market orders fill at the next bar's open; limit orders
 * work until a bar trades through the limit (good till filled).
 */
final class WorkingOrders {

    /** @param submittedTs the ts of the bar the order was submitted at; it fills only on a later bar */
    record WorkingOrder(TradeInstruction instruction, long submittedTs, TxResult replay) {}

    private final List<WorkingOrder> orders = new ArrayList<>();

    void add(TradeInstruction instruction, long submittedTs) {
        orders.add(new WorkingOrder(instruction, submittedTs, null));
    }

    /** An order that already filled in an earlier process: it fills again, identically, on the same bar. */
    void addReplay(TradeInstruction instruction, long submittedTs, TxResult fill) {
        orders.add(new WorkingOrder(instruction, submittedTs, fill));
    }

    int size() {
        return orders.size();
    }

    /** @return the fills the bar caused, in submission order; filled orders stop working */
    List<TxResult> fill(Candle bar, FillPricing pricing) {
        List<TxResult> fills = List.of();
        if (orders.isEmpty()) {
            return fills;                      // almost every bar: no iterator
        }
        for (Iterator<WorkingOrder> it = orders.iterator(); it.hasNext(); ) {
            WorkingOrder order = it.next();
            TradeInstruction in = order.instruction();
            if (!in.symbol().equals(bar.symbol()) || bar.ts() <= order.submittedTs()) {
                continue;
            }
            if (order.replay() != null) {
                if (bar.ts() >= order.replay().ts()) {
                    if (fills.isEmpty()) {
                        fills = new ArrayList<>();
                    }
                    fills.add(order.replay());
                    it.remove();
                }
                continue;
            }
            double price = fillPrice(in, bar, pricing);
            if (Double.isNaN(price)) {
                continue;
            }
            if (fills.isEmpty()) {
                fills = new ArrayList<>();
            }
            fills.add(TxResult.filled(in, price, pricing.fee(in.quantity(), price), bar.ts()));
            it.remove();
        }
        return fills;
    }

    /** @return the price the bar fills the order at, NaN if it does not trade through the limit */
    static double fillPrice(TradeInstruction in, Candle bar, FillPricing pricing) {
        if (in.type() == OrderType.MARKET) {
            return pricing.price(in.side(), bar.open());
        }
        double limit = in.limitPrice();
        boolean reached = in.side() == Side.BUY ? bar.low() <= limit : bar.high() >= limit;
        return reached ? pricing.limitPrice(in.side(), bar.open(), limit) : Double.NaN;
    }
}
