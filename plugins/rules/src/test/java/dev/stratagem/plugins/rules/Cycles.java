package dev.stratagem.plugins.rules;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built cycle inputs for composer tests. */
final class Cycles {

    private Cycles() {}

    /** @param pairs name, value, name, value, ... */
    static FeatureVector features(String symbol, long ts, Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return FeatureVector.of(symbol, ts, map);
    }

    static ComposeContext flat(FeatureVector... features) {
        return context(Map.of(), features);
    }

    static ComposeContext holding(String symbol, double quantity, FeatureVector... features) {
        return context(Map.of(symbol, quantity), features);
    }

    static ComposeContext context(Map<String, Double> positions, FeatureVector... features) {
        long ts = features.length == 0 ? 0 : features[0].ts();
        List<PositionSnapshot> snapshots = new ArrayList<>();
        positions.forEach((symbol, qty) -> snapshots.add(new PositionSnapshot(symbol, qty, 10, 10, 0, 0)));
        PortfolioView portfolio = new PortfolioView(ts, 100_000, 100_000, 0, 0, 0, 0, snapshots, Constraints.NONE);
        return new ComposeContext(ts, "run-" + ts, "test-strategy", List.of(features), portfolio, TradeDigest.EMPTY,
                RunMode.BACKTEST);
    }
}
