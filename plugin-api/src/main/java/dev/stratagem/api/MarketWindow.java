package dev.stratagem.api;

import java.util.List;

/**
 * A strategy's recent bars, newest last, as of the bar that triggered the cycle: there is no way to see a
 * later bar. Implemented by the runtime over a ring buffer; reading is allocation-free.
 */
public interface MarketWindow {

    /** @return the strategy's symbols, in configuration order */
    List<String> symbols();

    /**
     * @param symbol a symbol
     * @return how many bars of it the window holds (at most its capacity)
     */
    int size(String symbol);

    /**
     * @param symbol a symbol
     * @param barsAgo {@code 0} for the newest bar, {@code 1} for the one before, ...
     * @return that bar
     * @throws IndexOutOfBoundsException if the window does not hold it
     */
    Candle bar(String symbol, int barsAgo);

    /**
     * @param symbol a symbol
     * @return the newest bar
     */
    default Candle latest(String symbol) {
        return bar(symbol, 0);
    }

    /**
     * @param symbol a symbol
     * @return whether this cycle's trigger brought a new bar of it
     */
    boolean updated(String symbol);
}
