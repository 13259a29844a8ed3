package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import dev.stratagem.api.MarketWindow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A market window over plain lists: {@link #push(Candle...)} appends this cycle's bars. */
final class ListMarketWindow implements MarketWindow {

    private final List<String> symbols;
    private final Map<String, List<Candle>> bars = new LinkedHashMap<>();
    private final Set<String> updated = new HashSet<>();

    ListMarketWindow(String... symbols) {
        this.symbols = List.of(symbols);
        for (String s : symbols) {
            bars.put(s, new ArrayList<>());
        }
    }

    /** Starts a new cycle: the given bars are appended and are the only updated symbols. */
    ListMarketWindow push(Candle... newBars) {
        updated.clear();
        for (Candle c : newBars) {
            List<Candle> list = bars.get(c.symbol());
            if (list == null) {
                throw new IllegalArgumentException("symbol " + c.symbol() + " is not in " + symbols);
            }
            list.add(c);
            updated.add(c.symbol());
        }
        return this;
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public int size(String symbol) {
        return bars.get(symbol).size();
    }

    @Override
    public Candle bar(String symbol, int barsAgo) {
        List<Candle> list = bars.get(symbol);
        return list.get(list.size() - 1 - barsAgo);
    }

    @Override
    public boolean updated(String symbol) {
        return updated.contains(symbol);
    }
}
