package dev.stratagem.plugins.rules;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.RationaleFormat;
import dev.stratagem.api.TradeInstruction;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link LongOnlyRule} to every symbol of a cycle: buy {@code quantity} when flat and the entry
 * holds; sell the whole position when long and the exit holds. A short position (not opened by a long-only
 * rule) is left alone. Symbols whose features are still NaN are skipped.
 */
final class LongOnlyDecider {

    private final LongOnlyRule rule;
    private final double quantity;
    private final FeatureReader reader;
    private final double[] values;

    LongOnlyDecider(LongOnlyRule rule, double quantity) {
        this.rule = rule;
        this.quantity = quantity;
        this.reader = new FeatureReader(rule.features());
        this.values = new double[rule.features().size()];
    }

    /** @return the features the rule reads */
    List<String> features() {
        return reader.names();
    }

    ComposeResult decide(ComposeContext context) {
        List<TradeInstruction> instructions = new ArrayList<>(1);
        StringBuilder rationale = new StringBuilder();
        for (FeatureVector f : context.features()) {
            String symbol = f.symbol();
            if (!rationale.isEmpty()) {
                rationale.append("; ");
            }
            rationale.append(symbol).append(": ");
            if (!reader.read(f, values)) {
                rationale.append("warming up (").append(reader.describe(values)).append(')');
                continue;
            }
            double position = context.portfolio().quantity(symbol);
            if (position == 0) {
                String why = rule.entry().apply(values);
                if (why != null) {
                    instructions.add(TradeInstruction.buy(symbol, quantity));
                    rationale.append(why).append(": buy ").append(RationaleFormat.num(quantity));
                } else {
                    rationale.append("flat, no entry (").append(reader.describe(values)).append(')');
                }
            } else if (position > 0) {
                String why = rule.exit().apply(values);
                if (why != null) {
                    instructions.add(TradeInstruction.sell(symbol, position).asReduceOnly());
                    rationale.append(why).append(": close long ").append(RationaleFormat.num(position));
                } else {
                    rationale.append("long ").append(RationaleFormat.num(position)).append(", no exit (")
                            .append(reader.describe(values)).append(')');
                }
            } else {
                rationale.append("short ").append(RationaleFormat.num(position))
                        .append(" left alone by a long-only rule");
            }
        }
        if (rationale.isEmpty()) {
            rationale.append("no symbol has features in this cycle");
        }
        return new ComposeResult(instructions, rationale.toString());
    }
}
