package dev.stratagem.plugins.rules;

import static dev.stratagem.plugins.rules.RationaleFormat.append;
import static dev.stratagem.plugins.rules.RationaleFormat.num;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.TradeInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Moving average crossover on {@code sma_<fast>} and {@code sma_<slow>}.
 *
 * <p>With {@code diff = fast - slow}, the averages cross above at a bar when the previous bar's diff was
 * {@code <= 0} and this bar's is {@code > 0}; they cross below when the previous diff was {@code >= 0} and
 * this one is {@code < 0}. So equal averages (diff exactly 0) are not a cross: the entry comes on the first
 * bar that is strictly above. The first bar with both averages defined only records its diff; bars with a
 * NaN average are skipped and keep the previous diff.
 *
 * <p>Cross above: buy {@code quantity} when flat, or, with {@code allowShort}, close a short. Cross below:
 * close the whole long, or, with {@code allowShort} and flat, sell {@code quantity} short. A cross closes
 * a position without reversing it. Flat / long / short is read from the portfolio.
 *
 * <p>Parameters: {@code fast} (10), {@code slow} (30), {@code quantity} (100), {@code allowShort} (false).
 */
@Extension
public final class SmaCrossoverComposer implements DecisionComposer {

    private SmaCrossoverConfig config;
    private FeatureReader reader;
    private final double[] values = new double[2];
    /** This cycle's instructions; reused, as almost every cycle has none. */
    private final List<TradeInstruction> instructions = new ArrayList<>(1);
    /** This cycle's rationale, reused: only its text leaves the composer. */
    private final StringBuilder rationale = new StringBuilder(96);
    private final Map<String, PreviousDiff> previous = new HashMap<>();

    /** Creates the composer with the default parameters. */
    public SmaCrossoverComposer() {
        apply(SmaCrossoverConfig.DEFAULTS);
    }

    @Override
    public String id() {
        return "sma-crossover";
    }

    @Override
    public void configure(Parameters params) {
        apply(SmaCrossoverConfig.from(params, id()));
    }

    @Override
    public Set<String> requiredFeatures() {
        return Set.copyOf(reader.names());
    }

    @Override
    public ComposeResult compose(ComposeContext context) {
        instructions.clear();
        rationale.setLength(0);
        for (FeatureVector f : context.features()) {
            if (!rationale.isEmpty()) {
                rationale.append("; ");
            }
            rationale.append(f.symbol()).append(": ");
            decide(f, context.portfolio().quantity(f.symbol()), instructions, rationale);
        }
        if (rationale.isEmpty()) {
            rationale.append("no symbol has features in this cycle");
        }
        return new ComposeResult(instructions.isEmpty() ? List.of() : List.copyOf(instructions), rationale.toString());
    }

    SmaCrossoverConfig config() {
        return config;
    }

    private void decide(FeatureVector f, double position, List<TradeInstruction> out, StringBuilder why) {
        if (!reader.read(f, values)) {
            reader.describe(why.append("warming up ("), values).append(')');
            return;
        }
        String symbol = f.symbol();
        double diff = values[0] - values[1];
        PreviousDiff prev = previous.computeIfAbsent(symbol, s -> new PreviousDiff());
        double before = prev.diff;
        prev.diff = diff;
        if (Double.isNaN(before)) {
            reader.describe(why.append("first bar with both averages, no cross yet ("), values).append(')');
        } else if (before <= 0 && diff > 0) {
            cross(why, "above");
            if (position == 0) {
                out.add(TradeInstruction.buy(symbol, config.quantity()));
                append(why.append(": buy "), config.quantity());
            } else if (position < 0 && config.allowShort()) {
                out.add(TradeInstruction.buy(symbol, -position).asReduceOnly());
                append(why.append(": close short "), -position);
            } else {
                append(why.append(": hold ").append(position > 0 ? "long " : "short "), position);
            }
        } else if (before >= 0 && diff < 0) {
            cross(why, "below");
            if (position > 0) {
                out.add(TradeInstruction.sell(symbol, position).asReduceOnly());
                append(why.append(": close long "), position);
            } else if (position == 0 && config.allowShort()) {
                out.add(TradeInstruction.sell(symbol, config.quantity()));
                append(why.append(": sell short "), config.quantity());
            } else {
                why.append(position == 0 ? ": stay flat, shorts not allowed" : ": hold short " + num(position));
            }
        } else {
            reader.describe(why.append("no cross ("), values).append("), ");
            if (position == 0) {
                why.append("flat");
            } else {
                append(why.append("position "), position);
            }
        }
    }

    private void cross(StringBuilder why, String direction) {
        List<String> names = reader.names();
        append(why.append(names.get(0)).append(' '), values[0]).append(" crossed ").append(direction).append(' ');
        append(why.append(names.get(1)).append(' '), values[1]);
    }

    private void apply(SmaCrossoverConfig c) {
        config = c;
        reader = new FeatureReader(List.of("sma_" + c.fast(), "sma_" + c.slow()));
        previous.clear();
    }

    /** The diff of the last bar where both averages were defined; NaN before the first. */
    private static final class PreviousDiff {
        double diff = Double.NaN;
    }
}
