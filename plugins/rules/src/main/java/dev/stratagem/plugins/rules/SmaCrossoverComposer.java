package dev.stratagem.plugins.rules;

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
    private final Map<String, PreviousDiff> previous = new HashMap<>();
    /** Vectors carry the same symbol instance every bar: a one-symbol strategy skips the map. */
    private String lastSymbol;
    private PreviousDiff lastDiff;

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
        List<FeatureVector> features = context.features();
        if (features.size() == 1) {
            FeatureVector f = features.getFirst();
            SmaReason only = decide(f, context.portfolio().quantity(f.symbol()), instructions);
            return ComposeResult.lazy(orders(), only);   // the reason writes its text when read
        }
        List<SmaReason> reasons = new ArrayList<>(features.size());
        for (FeatureVector f : features) {
            reasons.add(decide(f, context.portfolio().quantity(f.symbol()), instructions));
        }
        return ComposeResult.lazy(orders(), () -> SmaReason.text(reasons));
    }

    private List<TradeInstruction> orders() {
        return instructions.isEmpty() ? List.of() : List.copyOf(instructions);
    }

    SmaCrossoverConfig config() {
        return config;
    }

    private SmaReason decide(FeatureVector f, double position, List<TradeInstruction> out) {
        String symbol = f.symbol();
        PreviousDiff prev = symbol == lastSymbol ? lastDiff : previous.computeIfAbsent(symbol, s -> new PreviousDiff());
        lastSymbol = symbol;
        lastDiff = prev;
        if (!reader.read(f, values)) {
            return reason(symbol, SmaReason.Kind.WARMING_UP, position);
        }
        double diff = values[0] - values[1];
        double before = prev.diff;
        prev.diff = diff;
        if (Double.isNaN(before)) {
            return reason(symbol, SmaReason.Kind.FIRST, position);
        }
        if (before <= 0 && diff > 0) {
            if (position == 0) {
                out.add(TradeInstruction.buy(symbol, config.quantity()));
                return reason(symbol, SmaReason.Kind.BUY, position);
            }
            if (position < 0 && config.allowShort()) {
                out.add(TradeInstruction.buy(symbol, -position).asReduceOnly());
                return reason(symbol, SmaReason.Kind.CLOSE_SHORT, position);
            }
            return reason(symbol, SmaReason.Kind.HOLD_ON_ABOVE, position);
        }
        if (before >= 0 && diff < 0) {
            if (position > 0) {
                out.add(TradeInstruction.sell(symbol, position).asReduceOnly());
                return reason(symbol, SmaReason.Kind.CLOSE_LONG, position);
            }
            if (position == 0 && config.allowShort()) {
                out.add(TradeInstruction.sell(symbol, config.quantity()));
                return reason(symbol, SmaReason.Kind.SELL_SHORT, position);
            }
            return reason(symbol, position == 0 ? SmaReason.Kind.STAY_FLAT : SmaReason.Kind.HOLD_SHORT, position);
        }
        return reason(symbol, SmaReason.Kind.NO_CROSS, position);
    }

    private SmaReason reason(String symbol, SmaReason.Kind kind, double position) {
        return new SmaReason(symbol, kind, reader.names(), values[0], values[1], position, config.quantity(),
                lastDiff.patterns);   // the symbol being decided: decide sets lastDiff first
    }

    private void apply(SmaCrossoverConfig c) {
        config = c;
        reader = new FeatureReader(List.of("sma_" + c.fast(), "sma_" + c.slow()));
        previous.clear();
        lastSymbol = null;
        lastDiff = null;
    }

    /** A symbol's state: the diff of the last bar where both averages were defined (NaN before the first). */
    private static final class PreviousDiff {
        double diff = Double.NaN;
        /** The symbol's rationale patterns (its reasons share them; they change with the averages' names). */
        final String[] patterns = SmaReason.patternTable();
    }
}
