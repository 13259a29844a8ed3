package dev.stratagem.runtime.marketdata;

import dev.stratagem.api.Candle;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The bars read from one file, in strictly increasing time order.
 *
 * @param symbol the instrument symbol every candle carries
 * @param source the file the bars came from
 * @param candles the bars, oldest first; a file's bars are {@link CandleColumns}, kept as they are (they are
 *     immutable), any other list is copied
 * @param skippedRows how many bad data rows were skipped (0 unless reading with {@code skipBadRows})
 * @param skipped the reasons for the first skipped rows (at most {@value CsvCandleReader#MAX_SKIP_REASONS}),
 *     each in the {@link MarketDataException} message format
 * @param notes how the file was interpreted where that was not plain, e.g. a time column the header omits
 */
public record CandleSeries(String symbol, Path source, List<Candle> candles, int skippedRows, List<String> skipped,
        List<String> notes) {

    /** Copies the lists; checks the counts. */
    public CandleSeries {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(source, "source");
        candles = candles instanceof CandleColumns columns ? columns : List.copyOf(candles);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
        if (skippedRows < skipped.size()) {
            throw new IllegalArgumentException("skippedRows " + skippedRows + " is below the " + skipped.size()
                    + " reasons kept");
        }
    }

    /** @return the number of bars */
    public int size() {
        return candles.size();
    }
}
