package dev.stratagem.bench;

import dev.stratagem.api.Candle;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The peer: ta4j 0.17 running the same SMA 10/30 crossover (enter on a cross above, exit on a cross below,
 * 100 shares, filled at the next bar's open) on the same candles. The series is built once (that is data
 * loading, as CSV parsing is for us); each run builds fresh indicators, so nothing is served from cache.
 */
final class Ta4jCrossover {

    private final BarSeries series;
    private final Num amount;

    /** @param decimal {@code true} for ta4j's default {@link DecimalNum}, {@code false} for {@link DoubleNum} */
    Ta4jCrossover(List<Candle> candles, boolean decimal) {
        series = new BaseBarSeriesBuilder().withName("ORCL")
                .withNumTypeOf(decimal ? DecimalNum.class : DoubleNum.class).build();
        for (Candle c : candles) {
            series.addBar(ZonedDateTime.ofInstant(Instant.ofEpochMilli(c.ts()), ZoneOffset.UTC),
                    c.open(), c.high(), c.low(), c.close(), c.volume());
        }
        amount = series.numOf(100);
    }

    /** One timed run. */
    record Run(long nanos, int closedTrades) {}

    Run run() {
        long start = System.nanoTime();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fast = new SMAIndicator(close, 10);
        SMAIndicator slow = new SMAIndicator(close, 30);
        Strategy strategy = new BaseStrategy(new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow), 30);
        TradingRecord record = new BarSeriesManager(series, new TradeOnNextOpenModel())
                .run(strategy, org.ta4j.core.Trade.TradeType.BUY, amount);
        return new Run(System.nanoTime() - start, record.getPositionCount());
    }

    int bars() {
        return series.getBarCount();
    }
}
