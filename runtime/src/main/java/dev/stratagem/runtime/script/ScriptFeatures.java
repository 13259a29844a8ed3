package dev.stratagem.runtime.script;

import dev.stratagem.api.Candle;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.api.Parameters;
import dev.stratagem.runtime.cycle.VersionedComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A features pipeline written as a script: once per cycle and symbol with a new bar it calls
 * {@code features(bar, out, api)}, where {@code bar} is {@code [open, high, low, close, volume]} of the new
 * bar and {@code out} is an array of {@code NaN}s, one per name under {@code outputs} in the manifest, for
 * the script to fill (incrementally: the script keeps its own rolling state).
 */
final class ScriptFeatures implements FeaturesPipeline, VersionedComponent {

    /** The names of the bar array's fields, in order (what {@code api.feature(name)} resolves against). */
    static final List<String> BAR_FIELDS = List.of("open", "high", "low", "close", "volume");

    private final ScriptProgram program;
    private final List<String> names;
    private final double[] bar = new double[5];
    private final double[] out;
    private final Map<String, FeatureVector> last = new HashMap<>();

    ScriptFeatures(ScriptProgram program, ScriptSettings settings) {
        this.program = program;
        this.names = program.manifest.outputs();
        this.out = new double[names.size()];
    }

    @Override
    public ComponentVersion version() {
        return program.version;
    }

    @Override
    public String id() {
        return program.manifest.id();
    }

    @Override
    public void configure(Parameters params) {
        // merged and checked when the script was built
    }

    @Override
    public int warmup() {
        return program.manifest.warmup();
    }

    @Override
    public List<String> featureNames() {
        return names;
    }

    @Override
    public List<FeatureVector> compute(MarketWindow window) {
        List<FeatureVector> vectors = new ArrayList<>(window.symbols().size());
        for (String symbol : window.symbols()) {
            if (window.size(symbol) == 0) {
                continue;
            }
            if (window.updated(symbol)) {
                Candle c = window.latest(symbol);
                bar[0] = c.open();
                bar[1] = c.high();
                bar[2] = c.low();
                bar[3] = c.close();
                bar[4] = c.volume();
                Arrays.fill(out, Double.NaN);
                program.api.beginCall();
                program.api.symbol = symbol;
                program.api.ts = c.ts();
                program.callMain(bar, out, program.api);
                last.put(symbol, new FeatureVector(symbol, c.ts(), names, out));
            }
            FeatureVector v = last.get(symbol);
            if (v != null) {
                vectors.add(v);
            }
        }
        return vectors;
    }
}
