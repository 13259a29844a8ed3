package dev.stratagem.runtime.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMA 10/30 crossover on ORCL 1995-2014 must reproduce the golden trade list exactly: signal dates,
 * entry and exit dates and prices, 97 closed trades and 1 open, final value 102,646.0652. Runs through the
 * real plugin jars and records every cycle in a real H2 file.
 */
class GoldenSmaCrossoverTest {

    @TempDir
    Path tmp;

    @Test
    void reproduces_the_golden_trade_list_and_final_value() throws IOException {
        Path db = tmp.resolve("history");
        BacktestResult result = BacktestRunner.run(request(RecordLevel.ALL, db));

        List<String[]> golden = Files.readAllLines(TestPaths.data().resolve("golden-sma-10-30-orcl.csv")).stream()
                .skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
        assertThat(golden).hasSize(98);
        List<TradeHistoryEntry> trades = result.trades();
        assertThat(trades).hasSize(98);
        assertThat(result.closedTrades()).isEqualTo(97);

        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            for (int i = 0; i < golden.size(); i++) {
                String[] g = golden.get(i);
                TradeHistoryEntry t = trades.get(i);
                String row = "trade " + g[0];
                assertThat(t.quantity()).as(row).isEqualTo(Double.parseDouble(g[9]));
                assertThat(date(t.entryTs())).as(row + " entry date").isEqualTo(g[2]);
                assertThat(t.entryPrice()).as(row + " entry price").isEqualTo(Double.parseDouble(g[4]));
                assertThat(signalDate(store, t.entryInstructionId())).as(row + " entry signal").isEqualTo(g[1]);
                if (g[6].isEmpty()) {
                    assertThat(t.isOpen()).as(row + " open").isTrue();
                    continue;
                }
                assertThat(date(t.exitTs())).as(row + " exit date").isEqualTo(g[6]);
                assertThat(t.exitPrice()).as(row + " exit price").isEqualTo(Double.parseDouble(g[8]));
                assertThat(signalDate(store, t.exitInstructionId())).as(row + " exit signal").isEqualTo(g[5]);
                assertThat(BigDecimal.valueOf(t.realizedPnl()).setScale(6, RoundingMode.HALF_EVEN))
                        .as(row + " pnl").isEqualByComparingTo(g[10]);
            }
        }
        assertThat(result.finalEquity().setScale(4, RoundingMode.HALF_EVEN)).isEqualByComparingTo("102646.0652");
    }

    @Test
    void enters_on_2004_06_30_not_a_bar_early_when_the_averages_are_exactly_equal() {
        BacktestResult result = BacktestRunner.run(request(RecordLevel.SUMMARY, null));
        assertThat(result.trades()).extracting(t -> date(t.entryTs())).contains("2004-07-01")
                .doesNotContain("2004-06-30");
    }

    @Test
    void two_runs_give_the_same_result_digest() {
        BacktestResult first = BacktestRunner.run(request(RecordLevel.SUMMARY, null));
        BacktestResult second = BacktestRunner.run(request(RecordLevel.ACTIVITY, tmp.resolve("again")));
        assertThat(first.runId()).isNotEqualTo(second.runId());
        assertThat(second.resultDigest()).isEqualTo(first.resultDigest()).hasSize(64);
    }

    static BacktestRequest request(RecordLevel level, Path db) {
        return new BacktestRequest(TestPaths.strategies().resolve("sma-crossover-orcl.yaml"),
                List.of(TestPaths.data().resolve("orcl-1995-2014.txt")), null, null, null, null, null, level, false,
                TestPaths.plugins(), db);
    }

    private static String signalDate(JdbiHistoryStore store, String instructionId) {
        String composeId = instructionId.substring(0, instructionId.lastIndexOf('-'));
        return date(store.cycle(composeId).orElseThrow().ts());
    }

    private static String date(long ts) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC).toString();
    }
}
