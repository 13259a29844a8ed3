package dev.stratagem.runtime.cycle;

import dev.stratagem.api.Candle;
import dev.stratagem.api.MarketWindow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy's market window: one ring buffer of bars per symbol. Appending is the only way in, so a
 * cycle can never see a bar later than the one that triggered it.
 */
public final class BarWindow implements MarketWindow {

    private final List<String> symbols;
    private final Map<String, Ring> rings = new HashMap<>();
    /** Counts cycles; a ring appended to in the current one is "updated", so starting a cycle clears no marks. */
    private long cycle;
    private final String firstSymbol;
    private final Ring firstRing;

    /**
     * @param symbols the strategy's symbols
     * @param capacity how many bars per symbol to keep
     */
    public BarWindow(List<String> symbols, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be positive, was " + capacity);
        }
        this.symbols = List.copyOf(symbols);
        for (String symbol : this.symbols) {
            rings.put(symbol, new Ring(capacity));
        }
        this.firstSymbol = this.symbols.isEmpty() ? null : this.symbols.getFirst();
        this.firstRing = firstSymbol == null ? null : rings.get(firstSymbol);
    }

    /** Clears the "updated" marks; called at the start of every cycle. */
    void beginCycle() {
        cycle++;
    }

    /**
     * @param bar a new bar of one of the strategy's symbols
     * @return whether the symbol belongs to the strategy (other bars are ignored)
     */
    boolean append(Candle bar) {
        Ring ring = find(bar.symbol());
        if (ring == null) {
            return false;
        }
        ring.add(bar);
        ring.updatedIn = cycle;
        return true;
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public int size(String symbol) {
        return ring(symbol).size;
    }

    @Override
    public Candle bar(String symbol, int barsAgo) {
        return ring(symbol).get(barsAgo);
    }

    @Override
    public boolean updated(String symbol) {
        return ring(symbol).updatedIn == cycle;
    }

    /**
     * @param symbol a symbol
     * @return its latest close, or {@code NaN} before its first bar
     */
    double lastClose(String symbol) {
        Ring ring = find(symbol);
        return ring == null || ring.size == 0 ? Double.NaN : ring.get(0).close();
    }

    private Ring ring(String symbol) {
        Ring ring = find(symbol);
        if (ring == null) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in this strategy's window " + symbols);
        }
        return ring;
    }

    /** @return the symbol's ring, or null; the first symbol without the map (by identity, else by equals) */
    private Ring find(String symbol) {
        // A backtest's bars carry the symbol the first load of their file gave (CandleSeriesCache), an equal string
        // but another instance than this strategy's: equals before the map, whose lookup hashed and probed every bar
        if (symbol == firstSymbol || firstSymbol != null && firstSymbol.equals(symbol)) {
            return firstRing;
        }
        return rings.get(symbol);
    }

    private static final class Ring {
        private final Candle[] bars;
        private int head = -1;
        private int size;
        /** The cycle of the last append; {@code -1}: none yet (cycles count from 0). */
        private long updatedIn = -1;

        Ring(int capacity) {
            bars = new Candle[capacity];
        }

        void add(Candle bar) {
            head = head + 1 == bars.length ? 0 : head + 1;   // no division every bar
            bars[head] = bar;
            size = Math.min(size + 1, bars.length);
        }

        Candle get(int barsAgo) {
            if (barsAgo < 0 || barsAgo >= size) {
                throw new IndexOutOfBoundsException("bar " + barsAgo + " ago is not in the window (holds " + size + ")");
            }
            int index = head - barsAgo;
            return bars[index < 0 ? index + bars.length : index];
        }
    }
}
