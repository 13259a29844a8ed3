package dev.stratagem.plugins.rules;

import static dev.stratagem.plugins.rules.RationaleFormat.append;
import static dev.stratagem.plugins.rules.RationaleFormat.num;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the SMA crossover composer saw and did for one symbol in one cycle, kept as values so the rationale
 * text is written only when something reads it ({@code ComposeResult.lazy}): a one-symbol decision's reason is itself
 * the rationale's supplier, so an idle bar makes no closure.
 *
 * @param symbol the symbol
 * @param kind the branch the decision took
 * @param names the two average features, fast first
 * @param fast the fast average (NaN while warming up)
 * @param slow the slow average
 * @param position the position the decision saw
 * @param quantity the configured order size
 */
record SmaReason(String symbol, Kind kind, List<String> names, double fast, double slow, double position,
        double quantity) implements Supplier<String> {

    enum Kind {
        WARMING_UP, FIRST, BUY, CLOSE_SHORT, HOLD_ON_ABOVE, CLOSE_LONG, SELL_SHORT, STAY_FLAT, HOLD_SHORT, NO_CROSS
    }

    /** @return the rationale of this symbol's decision alone */
    @Override
    public String get() {
        return text(List.of(this));
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
            r.appendTo(why.append(r.symbol).append(": "));
        }
        return why.toString();
    }

    private void appendTo(StringBuilder why) {
        switch (kind) {
            case WARMING_UP -> averages(why.append("warming up (")).append(')');
            case FIRST -> averages(why.append("first bar with both averages, no cross yet (")).append(')');
            case BUY -> append(cross(why, "above").append(": buy "), quantity);
            case CLOSE_SHORT -> append(cross(why, "above").append(": close short "), -position);
            case HOLD_ON_ABOVE -> append(cross(why, "above").append(": hold ").append(position > 0 ? "long " : "short "),
                    position);
            case CLOSE_LONG -> append(cross(why, "below").append(": close long "), position);
            case SELL_SHORT -> append(cross(why, "below").append(": sell short "), quantity);
            case STAY_FLAT -> cross(why, "below").append(": stay flat, shorts not allowed");
            case HOLD_SHORT -> cross(why, "below").append(": hold short ").append(num(position));
            case NO_CROSS -> {
                averages(why.append("no cross (")).append("), ");
                if (position == 0) {
                    why.append("flat");
                } else {
                    append(why.append("position "), position);
                }
            }
        }
    }

    private StringBuilder cross(StringBuilder why, String direction) {
        append(why.append(names.get(0)).append(' '), fast).append(" crossed ").append(direction).append(' ');
        return append(why.append(names.get(1)).append(' '), slow);
    }

    private StringBuilder averages(StringBuilder why) {
        return FeatureReader.describe(why, names, fast, slow);
    }
}
