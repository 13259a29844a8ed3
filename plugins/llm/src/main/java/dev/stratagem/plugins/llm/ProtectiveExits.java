package dev.stratagem.plugins.llm;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stop-loss and take-profit of each open position, enforced without the model. Every cycle, before the
 * model is asked, {@link #check} closes (reduce-only market order) a long whose bar low reached its stop or
 * whose bar high reached its target, and a short whose high reached its stop or whose low reached its
 * target; the stop wins when one bar reaches both. A decision's entry arms levels ({@link #arm}) after they
 * are checked against the entry side at the bar's close (a long's stop below it, its target above; the
 * mirror for a short); a level on the wrong side is dropped and the rationale says so. Levels are dropped
 * once they fire, when the position is on the other side, and when it is flat after it was open (closed). An
 * entry that has not filled yet (a fill at the next bar, an asynchronous live fill, a working limit order)
 * keeps its levels pending for up to {@link #PENDING_BARS} bars of its symbol; a cycle triggered by another
 * symbol's bar neither counts nor checks a symbol without a bar, which stays armed.
 */
final class ProtectiveExits {

    /** The features the checks read. */
    static final Set<String> FEATURES = Set.of("close", "high", "low");

    /** Proposed levels for one symbol's entry; {@code NaN} where there is none. */
    record Proposal(double stop, double target) {}

    /** How many bars of its symbol a flat entry keeps its levels before they are dropped as unfilled. */
    static final int PENDING_BARS = 3;

    /**
     * Armed levels: the side of the position they protect, {@code NaN} where there is none.
     *
     * @param pendingBars the symbol's bars left for the entry to fill; {@code 0} once the position is open
     */
    record Levels(boolean isLong, double stop, double target, int pendingBars) {

        Levels(boolean isLong, double stop, double target) {
            this(isLong, stop, target, 0);
        }
    }

    private final Map<String, Levels> armed = new TreeMap<>();

    /** @return the armed levels by symbol (a copy) */
    Map<String, Levels> armed() {
        return Map.copyOf(armed);
    }

    /**
     * @return the exits this bar triggers, with the rationale, or {@code null} if none: then ask the model
     * @throws IllegalArgumentException if a protected symbol's features have no {@code high} / {@code low}
     */
    ComposeResult check(ComposeContext ctx) {
        List<TradeInstruction> exits = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (Iterator<Map.Entry<String, Levels>> it = armed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Levels> e = it.next();
            String symbol = e.getKey();
            Levels l = e.getValue();
            double quantity = ctx.portfolio().quantity(symbol);
            if (quantity != 0 && quantity > 0 != l.isLong()) {
                it.remove();
                continue;
            }
            FeatureVector f = featuresOf(ctx, symbol);
            if (quantity == 0) {
                if (l.pendingBars() == 0) {
                    it.remove(); // it was open and is closed now
                } else if (f != null) {
                    if (l.pendingBars() == 1) {
                        it.remove(); // the entry did not fill in time (rejected, cancelled, still working)
                    } else {
                        e.setValue(new Levels(l.isLong(), l.stop(), l.target(), l.pendingBars() - 1));
                    }
                }
                continue;
            }
            if (l.pendingBars() != 0) {
                e.setValue(l = new Levels(l.isLong(), l.stop(), l.target()));
            }
            if (f == null) {
                continue; // no bar for it this cycle: nothing to check, stays armed
            }
            double high = f.get("high");
            double low = f.get("low");
            // NaN never compares true: a missing level never fires
            String hit = null;
            if (l.isLong() ? low <= l.stop() : high >= l.stop()) {
                hit = "stop-loss hit at " + text(l.stop()) + " for " + symbol + " (" + (l.isLong() ? "low " + text(low)
                        : "high " + text(high)) + ")";
            } else if (l.isLong() ? high >= l.target() : low <= l.target()) {
                hit = "take-profit hit at " + text(l.target()) + " for " + symbol + " (" + (l.isLong()
                        ? "high " + text(high) : "low " + text(low)) + ")";
            }
            if (hit != null) {
                double size = Math.abs(quantity);
                exits.add(new TradeInstruction(null, symbol, l.isLong() ? Side.SELL : Side.BUY, size, OrderType.MARKET,
                        Double.NaN, true));
                why.append(why.isEmpty() ? "" : "; ").append(hit).append(": close ")
                        .append(l.isLong() ? "long " : "short ").append(text(size));
                it.remove(); // fired: a late fill must not send the exit twice
            }
        }
        return exits.isEmpty() ? null : new ComposeResult(exits, why.toString());
    }

    /**
     * Arms the levels of a decision's entries: an instruction that is not reduce-only and opens or adds to a
     * position on its side. Later levels for a symbol replace earlier ones.
     *
     * @param levels the proposed levels by symbol
     * @return what was armed or dropped, for the rationale; empty if nothing
     */
    String arm(ComposeContext ctx, List<TradeInstruction> instructions, Map<String, Proposal> levels) {
        List<String> notes = new ArrayList<>();
        for (TradeInstruction t : instructions) {
            Proposal p = levels.get(t.symbol());
            double position = ctx.portfolio().quantity(t.symbol());
            boolean isLong = t.side() == Side.BUY;
            if (p == null || t.reduceOnly() || position != 0 && position > 0 != isLong) {
                continue;
            }
            FeatureVector f = featuresOf(ctx, t.symbol());
            double price = f == null ? Double.NaN : f.get("close");
            double stop = p.stop();
            double target = p.target();
            String side = isLong ? "a long's " : "a short's ";
            if (!Double.isNaN(stop) && (isLong ? stop >= price : stop <= price)) {
                notes.add("stop-loss " + text(stop) + " dropped for " + t.symbol() + ": " + side + "stop must be "
                        + (isLong ? "below" : "above") + " the price " + text(price));
                stop = Double.NaN;
            }
            if (!Double.isNaN(target) && (isLong ? target <= price : target >= price)) {
                notes.add("take-profit " + text(target) + " dropped for " + t.symbol() + ": " + side + "target must be "
                        + (isLong ? "above" : "below") + " the price " + text(price));
                target = Double.NaN;
            }
            if (Double.isNaN(stop) && Double.isNaN(target)) {
                continue;
            }
            boolean open = position != 0;
            armed.put(t.symbol(), new Levels(isLong, stop, target, open ? 0 : PENDING_BARS));
            notes.add(t.symbol() + (isLong ? " long" : " short") + ": stop-loss " + (Double.isNaN(stop) ? "none" : text(stop))
                    + ", take-profit " + (Double.isNaN(target) ? "none" : text(target))
                    + (open ? "" : " (pending the entry's fill, at most " + PENDING_BARS + " bars)"));
        }
        return String.join("; ", notes);
    }

    /** @return the symbol's features this cycle, or {@code null} if it got no bar */
    private static FeatureVector featuresOf(ComposeContext ctx, String symbol) {
        for (FeatureVector f : ctx.features()) {
            if (f.symbol().equals(symbol)) {
                return f;
            }
        }
        return null;
    }

    /**
     * @return the armed levels as JDK types:
     *     {@code {symbol: {"side": "LONG"|"SHORT", "stop"?, "target"?, "pendingBars"?}}}
     */
    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        armed.forEach((symbol, l) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("side", l.isLong() ? "LONG" : "SHORT");
            if (!Double.isNaN(l.stop())) {
                m.put("stop", l.stop());
            }
            if (!Double.isNaN(l.target())) {
                m.put("target", l.target());
            }
            if (l.pendingBars() != 0) {
                m.put("pendingBars", l.pendingBars());
            }
            out.put(symbol, m);
        });
        return out;
    }

    /**
     * Replaces the armed levels with a {@link #snapshot()}.
     *
     * @throws IllegalArgumentException naming the symbol and field if the state is not a snapshot
     */
    void restore(Object state) {
        if (!(state instanceof Map<?, ?> bySymbol)) {
            throw new IllegalArgumentException("exitLevels must be a map of symbol to levels, was " + state);
        }
        Map<String, Levels> read = new TreeMap<>();
        bySymbol.forEach((symbol, raw) -> {
            if (!(raw instanceof Map<?, ?> m) || !(m.get("side") instanceof String side)
                    || !Set.of("LONG", "SHORT").contains(side)) {
                throw new IllegalArgumentException("exitLevels." + symbol + ": need side LONG or SHORT, was " + raw);
            }
            read.put(String.valueOf(symbol), new Levels(side.equals("LONG"), price(m.get("stop"), symbol + ".stop"),
                    price(m.get("target"), symbol + ".target"), pendingBars(m.get("pendingBars"), symbol)));
        });
        armed.clear();
        armed.putAll(read);
    }

    private static double price(Object v, String at) {
        if (v == null) {
            return Double.NaN;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() > 0)) {
            throw new IllegalArgumentException("exitLevels." + at + " must be a price > 0, was " + v);
        }
        return n.doubleValue();
    }

    private static int pendingBars(Object v, Object symbol) {
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < 0) {
            throw new IllegalArgumentException(
                    "exitLevels." + symbol + ".pendingBars must be a whole number >= 0, was " + v);
        }
        return n.intValue();
    }

    /** Shortest exact decimal of a price: {@code 9.5}, not {@code 9.50000}. */
    private static String text(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }
}
