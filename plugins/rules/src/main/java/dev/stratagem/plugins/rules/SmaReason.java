package dev.stratagem.plugins.rules;

import static dev.stratagem.api.RationaleValues.literal;

import dev.stratagem.api.RationaleValues;
import java.util.List;

/**
 * What the SMA crossover composer saw and did for one symbol in one cycle, kept as values so the rationale
 * text is written only when something reads it ({@code ComposeResult.lazy}): a one-symbol decision's reason is itself
 * the rationale's supplier, so an idle bar makes no closure. It is a {@link RationaleValues}: a pattern per branch
 * (built once per symbol, in {@code patterns}) and the averages and quantity in it, so a backtest's history stores
 * the numbers instead of the text.
 *
 * @param symbol the symbol
 * @param kind the branch the decision took
 * @param names the two average features, fast first
 * @param fast the fast average (NaN while warming up)
 * @param slow the slow average
 * @param position the position the decision saw
 * @param quantity the configured order size
 * @param patterns the symbol's patterns, by {@link #slot()}: filled as branches are taken, shared by its reasons
 */
record SmaReason(String symbol, Kind kind, List<String> names, double fast, double slow, double position,
        double quantity, String[] patterns) implements RationaleValues {

    enum Kind {
        WARMING_UP, FIRST, BUY, CLOSE_SHORT, HOLD_ON_ABOVE, CLOSE_LONG, SELL_SHORT, STAY_FLAT, HOLD_SHORT, NO_CROSS
    }

    /** @return a symbol's pattern table: two a kind (a kind's text differs with the position's sign) */
    static String[] patternTable() {
        return new String[Kind.values().length * 2];
    }

    /** @return the rationale for these symbols, {@code "; "}-separated, as the composer has always written it */
    static String text(List<SmaReason> reasons) {
        if (reasons.isEmpty()) {
            return "no symbol has features in this cycle";
        }
        StringBuilder why = new StringBuilder(96);
        for (SmaReason r : reasons) {
            if (!why.isEmpty()) {
                why.append("; ");
            }
            why.append(r.get());
        }
        return why.toString();
    }

    @Override
    public String pattern() {
        int slot = slot();
        String p = patterns[slot];
        if (p == null) {   // a race writes the same text twice; a String is safe to share without a lock
            p = buildPattern();
            patterns[slot] = p;
        }
        return p;
    }

    @Override
    public int count() {
        return switch (kind) {
            case WARMING_UP, FIRST, STAY_FLAT -> 2;
            case NO_CROSS -> position == 0 ? 2 : 3;
            default -> 3;
        };
    }

    @Override
    public double value(int index) {
        return switch (index) {
            case 0 -> fast;
            case 1 -> slow;
            default -> switch (kind) {
                case BUY, SELL_SHORT -> quantity;
                case CLOSE_SHORT -> -position;
                default -> position;
            };
        };
    }

    /** The kind and, where its text depends on it, the position's sign. */
    private int slot() {
        boolean second = switch (kind) {
            case HOLD_ON_ABOVE -> !(position > 0);
            case NO_CROSS -> position != 0;
            default -> false;
        };
        return kind.ordinal() * 2 + (second ? 1 : 0);
    }

    private String buildPattern() {
        StringBuilder why = new StringBuilder(64).append(literal(symbol)).append(": ");
        switch (kind) {
            case WARMING_UP -> averages(why.append("warming up (")).append(')');
            case FIRST -> averages(why.append("first bar with both averages, no cross yet (")).append(')');
            case BUY -> cross(why, "above").append(": buy {}");
            case CLOSE_SHORT -> cross(why, "above").append(": close short {}");
            case HOLD_ON_ABOVE -> cross(why, "above").append(": hold ").append(position > 0 ? "long {}" : "short {}");
            case CLOSE_LONG -> cross(why, "below").append(": close long {}");
            case SELL_SHORT -> cross(why, "below").append(": sell short {}");
            case STAY_FLAT -> cross(why, "below").append(": stay flat, shorts not allowed");
            case HOLD_SHORT -> cross(why, "below").append(": hold short {}");
            case NO_CROSS -> averages(why.append("no cross (")).append(position == 0 ? "), flat" : "), position {}");
        }
        return why.toString();
    }

    private StringBuilder cross(StringBuilder why, String direction) {
        return why.append(literal(names.get(0))).append(" {} crossed ").append(direction).append(' ')
                .append(literal(names.get(1))).append(" {}");
    }

    private StringBuilder averages(StringBuilder why) {
        return why.append(literal(names.get(0))).append(" {}, ").append(literal(names.get(1))).append(" {}");
    }
}
