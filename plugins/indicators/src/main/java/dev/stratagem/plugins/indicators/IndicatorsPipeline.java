package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.api.Parameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Streaming technical indicators as a features pipeline, id {@code indicators}.
 *
 * <p>Parameter {@code features}: comma-separated feature names (a YAML list also works), default
 * {@code close}. Supported names and the bars each needs before it is a number:
 * <ul>
 *   <li>{@code close}, {@code open}, {@code high}, {@code low}, {@code volume}: the latest bar (1)</li>
 *   <li>{@code sma_<n>}: exact simple moving average of the close (n); {@code ema_<n>}: exponential, seeded
 *       with the SMA of the first n closes (n)</li>
 *   <li>{@code rsi_<n>}: Wilder RSI, 0..100 (n + 1)</li>
 *   <li>{@code macd}, {@code macd_signal}, {@code macd_hist}: MACD 12/26/9 (26, 34, 34); the same with
 *       explicit periods as {@code macd_<fast>_<slow>_<signal>}, {@code macd_signal_...}, {@code macd_hist_...}</li>
 *   <li>{@code bb_upper_<n>}, {@code bb_middle_<n>}, {@code bb_lower_<n>}: Bollinger bands, SMA +/- 2
 *       population standard deviations of the close (n); {@code bb_middle_n} equals {@code sma_n} exactly</li>
 *   <li>{@code atr_<n>}: Wilder average true range (n + 1)</li>
 *   <li>{@code roc_<n>}: {@code close / close[n bars ago] - 1} (n + 1)</li>
 *   <li>{@code volatility_<n>}: sample standard deviation of the last n log returns (n + 1)</li>
 *   <li>{@code volume_z_<n>}: {@code (volume - mean) / population std} of the last n volumes, this bar
 *       included; 0 on a flat window (n)</li>
 *   <li>{@code donchian_high_<n>}, {@code donchian_low_<n>}: highest high / lowest low of the n bars before
 *       this one, so {@code close > donchian_high_n} is a breakout (n + 1)</li>
 * </ul>
 * Each symbol gets its own indicators, created at its first bar; every call costs O(1) per feature.
 * The pipeline relies on the contract that {@link #compute(MarketWindow)} is called once per cycle in time
 * order: a bar fed twice would be counted twice.
 */
@Extension
public final class IndicatorsPipeline implements FeaturesPipeline {

    /** The component id a strategy file names this pipeline by. */
    public static final String ID = "indicators";
    /** The parameter listing the features. */
    public static final String FEATURES = "features";
    /** The features computed when none are configured. */
    public static final String DEFAULT_FEATURES = "close";

    private List<FeatureDefinition> definitions = FeatureCatalog.parseAll(DEFAULT_FEATURES);
    private List<String> names = names(definitions);
    private int warmup = warmup(definitions);
    private final Map<String, SymbolFeatures> bySymbol = new HashMap<>();
    /** The window hands out the same symbol instances every bar: a one-symbol strategy skips the map. */
    private String lastSymbol;
    private SymbolFeatures lastFeatures;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void configure(Parameters params) {
        params.requireOnly(id(), Set.of(FEATURES));
        Object raw = params.values().get(FEATURES);
        String features = raw instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : params.getString(FEATURES, DEFAULT_FEATURES);
        definitions = FeatureCatalog.parseAll(features);
        names = names(definitions);
        warmup = warmup(definitions);
        bySymbol.clear();
        lastSymbol = null;
        lastFeatures = null;
    }

    @Override
    public int warmup() {
        return warmup;
    }

    @Override
    public List<String> featureNames() {
        return names;
    }

    @Override
    public List<FeatureVector> compute(MarketWindow window) {
        List<String> symbols = window.symbols();
        if (symbols.size() == 1) {
            // the common single-instrument strategy: an immutable list the composer context need not copy
            FeatureVector only = vector(window, symbols.getFirst());
            return only == null ? List.of() : List.of(only);
        }
        List<FeatureVector> vectors = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            FeatureVector vector = vector(window, symbols.get(i));
            if (vector != null) {
                vectors.add(vector);
            }
        }
        return vectors;
    }

    /** @return the symbol's features at its latest bar, or null if it has no new bar in this cycle */
    private FeatureVector vector(MarketWindow window, String symbol) {
        if (!window.updated(symbol)) {
            return null;
        }
        Candle bar = window.latest(symbol);
        SymbolFeatures features = symbol == lastSymbol ? lastFeatures : bySymbol.get(symbol);
        if (features == null) {
            features = new SymbolFeatures(definitions);
            bySymbol.put(symbol, features);
        }
        lastSymbol = symbol;
        lastFeatures = features;
        // FeatureVector copies the scratch array; names is immutable, so List.copyOf keeps it as is
        return new FeatureVector(symbol, bar.ts(), names, features.update(bar));
    }

    private static List<String> names(List<FeatureDefinition> definitions) {
        // List.copyOf makes the null-hostile list FeatureVector's List.copyOf returns as is: no copy per bar
        return List.copyOf(definitions.stream().map(FeatureDefinition::name).toList());
    }

    private static int warmup(List<FeatureDefinition> definitions) {
        int max = 0;
        for (FeatureDefinition d : definitions) {
            max = Math.max(max, d.warmup());
        }
        return max;
    }
}
