package dev.stratagem.api;

import java.util.Iterator;

/**
 * A source of bars: a historical file, a database or a live feed.
 */
public interface MarketDataSource extends StrategyComponent {

    /**
     * @param symbol the instrument
     * @param fromInclusive the earliest bar time, epoch milliseconds
     * @param toExclusive the bar time to stop before
     * @return the bars in strictly increasing time order
     */
    Iterator<Candle> candles(String symbol, long fromInclusive, long toExclusive);
}
