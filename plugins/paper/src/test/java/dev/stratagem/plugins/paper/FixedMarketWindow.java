package dev.stratagem.plugins.paper;

import dev.stratagem.api.Candle;
import dev.stratagem.api.MarketWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A market window over bars handed to it, newest last; every symbol counts as updated. */
final class FixedMarketWindow implements MarketWindow {

    private final Map<String, List<Candle>> bars = new LinkedHashMap<>();

    FixedMarketWindow add(Candle bar) {
        bars.computeIfAbsent(bar.symbol(), s -> new ArrayList<>()).add(bar);
        return this;
    }

    @Override
    public List<String> symbols() {
        return List.copyOf(bars.keySet());
    }

    @Override
    public int size(String symbol) {
        return bars.getOrDefault(symbol, List.of()).size();
    }

    @Override
    public Candle bar(String symbol, int barsAgo) {
        List<Candle> list = bars.getOrDefault(symbol, List.of());
        return list.get(list.size() - 1 - barsAgo);
    }

    @Override
    public boolean updated(String symbol) {
        return bars.containsKey(symbol);
    }
}
