package dev.stratagem.plugins.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays the 10/30 crossover over ORCL 1995-2014 and compares it with the golden trade list: signal at
 * the close, market orders filled at the next bar's open, 100 shares, no fees, 100,000 cash. The averages
 * are exact decimals (equal averages compare equal), as the indicators pipeline promises; 2004-06-29, where
 * SMA10 equals SMA30, is the trap this catches.
 */
class SmaCrossoverComposerGoldenTest {

    private static final Path DATA = Path.of("../../runtime/data");

    record Bar(String date, BigDecimal open, BigDecimal close) {}

    record Trade(String entrySignal, String entryDate, String entryPrice, String exitSignal, String exitDate,
            String exitPrice) {}

    @Test
    void replays_the_golden_orcl_trade_list_and_final_value_exactly() throws IOException {
        List<Bar> bars = readBars(DATA.resolve("orcl-1995-2014.txt"));
        SmaCrossoverComposer composer = new SmaCrossoverComposer();
        composer.configure(Parameters.EMPTY);

        List<Trade> trades = new ArrayList<>();
        BigDecimal cash = new BigDecimal(100_000);
        long position = 0;
        TradeInstruction pending = null;
        String pendingSignal = null;
        String entrySignal = null;
        String entryDate = null;
        String entryPrice = null;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            if (pending != null) { // fills at this bar's open, before this bar's cycle
                BigDecimal notional = bar.open().multiply(BigDecimal.valueOf(pending.quantity()));
                String price = bar.open().toPlainString();
                if (pending.side() == Side.BUY) {
                    cash = cash.subtract(notional);
                    position += (long) pending.quantity();
                    entrySignal = pendingSignal;
                    entryDate = bar.date();
                    entryPrice = price;
                } else {
                    cash = cash.add(notional);
                    position -= (long) pending.quantity();
                    trades.add(new Trade(entrySignal, entryDate, entryPrice, pendingSignal, bar.date(), price));
                }
                pending = null;
            }
            FeatureVector f = FeatureVector.of("ORCL", i, Map.of("sma_10", sma(bars, i, 10), "sma_30", sma(bars, i, 30)));
            ComposeResult result = composer.compose(position == 0 ? Cycles.flat(f) : Cycles.holding("ORCL", position, f));
            assertThat(result.instructions()).hasSizeLessThanOrEqualTo(1);
            if (!result.instructions().isEmpty()) {
                pending = result.instructions().getFirst();
                pendingSignal = bar.date();
            }
        }
        if (position != 0) {
            trades.add(new Trade(entrySignal, entryDate, entryPrice, "", "", ""));
        }

        assertThat(trades).containsExactlyElementsOf(readGolden(DATA.resolve("golden-sma-10-30-orcl.csv")));
        BigDecimal finalValue = cash.add(bars.getLast().close().multiply(BigDecimal.valueOf(position)));
        assertThat(finalValue.setScale(4, RoundingMode.HALF_EVEN)).isEqualByComparingTo("102646.0652");
    }

    private static double sma(List<Bar> bars, int i, int n) {
        if (i + 1 < n) {
            return Double.NaN;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = i - n + 1; k <= i; k++) {
            sum = sum.add(bars.get(k).close());
        }
        return sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64).doubleValue();
    }

    private static List<Bar> readBars(Path file) throws IOException {
        List<Bar> bars = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            bars.add(new Bar(c[0], new BigDecimal(c[1]), new BigDecimal(c[4])));
        }
        return bars;
    }

    private static List<Trade> readGolden(Path file) throws IOException {
        List<Trade> trades = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            trades.add(new Trade(c[1], c[2], c[4], c[5], c[6], c[8]));
        }
        return trades;
    }
}
