package dev.stratagem.runtime.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvCandleReaderTest {

    static final Path DATA = Path.of(System.getProperty("stratagem.data.dir", "data"));

    @TempDir
    Path dir;

    @Test
    void reads_orcl_yahoo_file_with_raw_prices_not_adjusted() {
        CandleSeries s = CsvCandleReader.read(DATA.resolve("orcl-1995-2014.txt"), false);

        assertThat(s.symbol()).isEqualTo("ORCL");
        assertThat(s.size()).isEqualTo(5036);
        assertThat(s.skippedRows()).isZero();
        assertThat(s.notes()).isEmpty();
        assertThat(s.candles().getFirst())
                .isEqualTo(new Candle("ORCL", 789091200000L, 2.179012, 2.191358, 2.117284, 2.117284, 36301200));
        assertThat(s.candles().getLast())
                .isEqualTo(new Candle("ORCL", 1419984000000L, 45.450001, 45.560001, 44.970001, 44.970001, 13269200));
    }

    @Test
    void reads_nvda_and_yhoo_yahoo_files() {
        CandleSeries nvda = CsvCandleReader.read(DATA.resolve("nvda-1999-2014.txt"), false);
        assertThat(nvda.size()).isEqualTo(4012);
        assertThat(nvda.candles().getFirst())
                .isEqualTo(new Candle("NVDA", 916963200000L, 1.750000, 1.953125, 1.552083, 1.640625, 67867200));
        assertThat(nvda.candles().getLast())
                .isEqualTo(new Candle("NVDA", 1419984000000L, 20.400000, 20.510000, 19.990000, 20.049999, 4157500));

        CandleSeries yhoo = CsvCandleReader.read(DATA.resolve("yhoo-1996-2015.txt"), false);
        assertThat(yhoo.size()).isEqualTo(4965);
        assertThat(yhoo.candles().getFirst())
                .isEqualTo(new Candle("YHOO", 829267200000L, 1.052083, 1.791667, 1.020833, 1.375000, 408720000));
        assertThat(yhoo.candles().getLast())
                .isEqualTo(new Candle("YHOO", 1451520000000L, 33.220001, 33.689999, 33.180000, 33.259998, 7423300));
    }

    @Test
    void reads_daily_file_with_open_interest_column() {
        CandleSeries s = CsvCandleReader.read(DATA.resolve("2005-2006-day-001.txt"), false);

        assertThat(s.symbol()).isEqualTo("2005-2006-DAY-001");
        assertThat(s.size()).isEqualTo(512);
        assertThat(s.candles().getFirst())
                .isEqualTo(new Candle(s.symbol(), 1104710400000L, 2952.29, 2989.61, 2946.80, 2970.02, 0));
        assertThat(s.candles().getLast())
                .isEqualTo(new Candle(s.symbol(), 1167350400000L, 4130.12, 4142.01, 4119.94, 4119.94, 0));
    }

    @Test
    void reads_five_minute_bars_with_a_time_column() {
        CandleSeries s = CsvCandleReader.read(DATA.resolve("2006-min-005.txt"), false);

        assertThat(s.symbol()).isEqualTo("2006-MIN-005");
        assertThat(s.size()).isEqualTo(2142);
        assertThat(s.notes()).isEmpty();
        assertThat(s.candles().getFirst())
                .isEqualTo(new Candle(s.symbol(), 1136192700000L, 3578.73, 3587.88, 3578.73, 3582.99, 0));
        assertThat(s.candles().getLast())
                .isEqualTo(new Candle(s.symbol(), 1138642200000L, 3679.29, 3679.40, 3676.31, 3677.52, 0));
        assertThat(s.candles().get(1).ts() - s.candles().get(0).ts()).isEqualTo(5 * 60_000L);
    }

    @Test
    void reads_the_file_whose_rows_carry_a_time_the_header_omits_and_says_so() {
        Path file = DATA.resolve("2006-01-02-volume-min-001.txt");
        CandleSeries s = CsvCandleReader.read(file, false);

        assertThat(s.size()).isEqualTo(30889);
        assertThat(s.candles().getFirst())
                .isEqualTo(new Candle(s.symbol(), 1136192460000L, 3602.00, 3603.00, 3597.00, 3599.00, 5699));
        assertThat(s.candles().getLast())
                .isEqualTo(new Candle(s.symbol(), 1141077600000L, 3840.00, 3840.00, 3838.00, 3838.00, 327));
        assertThat(s.notes()).containsExactly(file + ":1: the header names 7 columns "
                + "Date,Open,High,Low,Close,Volume,OpenInterest but the rows carry 8 fields with a time of day in "
                + "field 2 (line 2: '09:01:00'); read as Date,Time,Open,High,Low,Close,Volume,OpenInterest");
    }

    @Test
    void the_inserted_time_rule_also_serves_an_index_mapping() {
        Path file = DATA.resolve("2006-01-02-volume-min-001.txt");
        CandleSeries s = CsvCandleReader.read(file, "FDAX",
                CsvFormat.parseMapping("date=0,time=1,open=2,high=3,low=4,close=5,volume=6"), false);

        assertThat(s.size()).isEqualTo(30889);
        assertThat(s.candles().getFirst().ts()).isEqualTo(1136192460000L);
    }

    @Test
    void reads_crlf_line_endings_a_bom_and_blank_lines() throws IOException {
        Path file = write("bom.csv", "\uFEFFDate,Open,High,Low,Close,Adj Close,Volume\r\n"
                + "2020-01-02,10,11,9,10.5,10.4,100\r\n\r\n"
                + "2020-01-03,10.5,12,10,11,10.9,200\r\n\r\n");

        CandleSeries s = CsvCandleReader.read(file, false);

        assertThat(CsvFormat.detect(file)).isEqualTo(CsvFormat.yahoo());
        assertThat(s.candles()).containsExactly(
                new Candle("BOM", 1577923200000L, 10, 11, 9, 10.5, 100),
                new Candle("BOM", 1578009600000L, 10.5, 12, 10, 11, 200));
    }

    @Test
    void reads_an_explicit_mapping_by_header_name_in_another_zone() throws IOException {
        Path file = write("es.csv", "Volume,Last,Lo,Hi,Op,Time,Day\n"
                + "5,101,99,102,100,09:30,2024-03-01\n"
                + "7,102,100,103,101,09:31,2024-03-01\n");
        var format = CsvFormat.generic(Map.of("date", "Day", "time", "TIME", "open", "Op", "high", "Hi",
                "low", "Lo", "close", "Last", "volume", "Volume"), ZoneId.of("America/New_York"));

        CandleSeries s = CsvCandleReader.read(file, "ES", format, false);

        // 09:30 EST is 14:30 UTC
        assertThat(s.candles()).containsExactly(
                new Candle("ES", 1709303400000L, 100, 102, 99, 101, 5),
                new Candle("ES", 1709303460000L, 101, 103, 100, 102, 7));
    }

    @Test
    void reads_an_explicit_mapping_by_index_without_volume() throws IOException {
        Path file = write("idx.csv", "a,b,c,d,e\n2024-03-01 09:30:00,100,102,99,101\n2024-03-01T09:31Z,101,103,100,102\n");

        CandleSeries s = CsvCandleReader.read(file, "X", CsvFormat.parseMapping("date=0,open=1,high=2,low=3,close=4"),
                false);

        assertThat(s.candles()).containsExactly(
                new Candle("X", 1709285400000L, 100, 102, 99, 101, 0),
                new Candle("X", 1709285460000L, 101, 103, 100, 102, 0));
    }

    @Test
    void detects_a_combined_datetime_column() throws IOException {
        Path file = write("btc-1h.csv", "timestamp,open,high,low,close,volume\n"
                + "2024-03-01T00:00:00+01:00,60000.5,61000,59000,60500,1.25\n"
                + "2024-03-01T01:00:00+01:00,60500,61500,60000,61000,0.5\n");

        CandleSeries s = CsvCandleReader.read(file, false);

        assertThat(s.symbol()).isEqualTo("BTC");
        assertThat(s.candles()).extracting(Candle::ts).containsExactly(1709247600000L, 1709251200000L);
        assertThat(s.candles().getFirst().volume()).isEqualTo(1.25);
    }

    @Test
    void parses_numbers_to_exactly_the_doubles_of_Double_parseDouble() throws IOException {
        List<String> texts = List.of("0.1", "1.0000000000000002", "3602.00", "45.549999", "1e-3", "123456789.123456789");
        var sb = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            sb.append("2020-01-%02d,%s,%s,%s,%s,%s\n".formatted(i + 1, t, t, t, t, t));
        }
        CandleSeries s = CsvCandleReader.read(write("exact.csv", sb.toString()), false);

        for (int i = 0; i < texts.size(); i++) {
            double expected = Double.parseDouble(texts.get(i));
            Candle c = s.candles().get(i);
            assertThat(List.of(c.open(), c.high(), c.low(), c.close(), c.volume())).containsOnly(expected);
        }
    }

    @Test
    void takes_the_symbol_from_the_file_name() {
        assertThat(CsvCandleReader.symbolFromFileName(Path.of("data/orcl-1995-2014.txt"))).isEqualTo("ORCL");
        assertThat(CsvCandleReader.symbolFromFileName(Path.of("AAPL.csv"))).isEqualTo("AAPL");
        assertThat(CsvCandleReader.symbolFromFileName(Path.of("spy.us.txt"))).isEqualTo("SPY.US");
        assertThat(CsvCandleReader.symbolFromFileName(Path.of("2006-min-005.txt"))).isEqualTo("2006-MIN-005");
        assertThat(CsvCandleReader.symbolFromFileName(Path.of("BTC_USD-1h.csv"))).isEqualTo("BTC_USD");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
