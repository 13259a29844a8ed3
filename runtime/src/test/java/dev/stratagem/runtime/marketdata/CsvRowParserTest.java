package dev.stratagem.runtime.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad row, through the public reader, with the exact message. */
class CsvRowParserTest {

    private static final String HEADER = "Date,Open,High,Low,Close,Adj Close,Volume\n";
    private static final String GOOD_1 = "2020-01-02,10,11,9,10.5,10.4,100\n";
    private static final String GOOD_2 = "2020-01-03,10.5,12,10,11,10.9,200\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too few fields       | 2020-01-04,10,11,9,10.5,10.4                   | 4 |        | 6 fields, expected 7 (Date,Open,High,Low,Close,Adj Close,Volume): '2020-01-04,10,11,9,10.5,10.4'
            too many fields      | 2020-01-04,10,11,9,10.5,10.4,1,2               | 4 |        | 8 fields, expected 7 (Date,Open,High,Low,Close,Adj Close,Volume): '2020-01-04,10,11,9,10.5,10.4,1,2'
            bad date             | 2020-13-04,10,11,9,10.5,10.4,1                 | 4 | Date   | '2020-13-04' is not a date (yyyy-MM-dd) or date-time (yyyy-MM-dd HH:mm[:ss])
            february 30          | 2020-02-30,10,11,9,10.5,10.4,1                 | 4 | Date   | '2020-02-30' is not a date (yyyy-MM-dd) or date-time (yyyy-MM-dd HH:mm[:ss])
            bad number           | 2020-01-04,10,1l,9,10.5,10.4,1                 | 4 | High   | '1l' is not a number
            empty number         | 2020-01-04,10,11,,10.5,10.4,1                  | 4 | Low    | '' is not a number
            NaN                  | 2020-01-04,NaN,11,9,10.5,10.4,1                | 4 | Open   | 'NaN' is not a number
            infinite             | 2020-01-04,10,1e999,9,10.5,10.4,1              | 4 | High   | '1e999' is not a finite number
            zero price           | 2020-01-04,10,11,0,10.5,10.4,1                 | 4 | Low    | 0 is not positive
            negative price       | 2020-01-04,10,11,9,-10.5,10.4,1                | 4 | Close  | -10.5 is not positive
            negative volume      | 2020-01-04,10,11,9,10.5,10.4,-5                | 4 | Volume | -5 is negative
            high below low       | 2020-01-04,9.6,9.5,9.7,9.6,9.6,1               | 4 | High   | 9.5 is below Low 9.7
            open above high      | 2020-01-04,11.5,11,9,10.5,10.4,1               | 4 | Open   | 11.5 is above High 11
            open below low       | 2020-01-04,8.5,11,9,10.5,10.4,1                | 4 | Open   | 8.5 is below Low 9
            close above high     | 2020-01-04,10,11,9,11.01,10.4,1                | 4 | Close  | 11.01 is above High 11
            close below low      | 2020-01-04,10,11,9,8.99,10.4,1                 | 4 | Close  | 8.99 is below Low 9
            duplicate timestamp  | 2020-01-03,10,11,9,10.5,10.4,1                 | 4 | Date   | 2020-01-03 repeats the timestamp of line 3
            out of order         | 2020-01-01,10,11,9,10.5,10.4,1                 | 4 | Date   | 2020-01-01 is before line 3 (2020-01-03)
            """)
    void rejects_a_bad_row_naming_file_line_field_and_value(String kind, String row, int line, String field,
            String detail) throws IOException {
        Path file = write("orcl.csv", HEADER + GOOD_1 + GOOD_2 + row + "\n");

        var e = catchThrowableOfType(MarketDataException.class,
                () -> CsvCandleReader.read(file, "ORCL", CsvFormat.yahoo(), false));

        String expected = dir.resolve("orcl.csv")
                + ":" + line + ": " + (field == null ? "" : "field '" + field + "': ") + detail;
        assertThat(e).hasMessage(expected);
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
    }

    @Test
    void counts_line_numbers_across_blank_lines_and_crlf() throws IOException {
        Path file = write("crlf.csv", "\uFEFF" + HEADER.replace("\n", "\r\n") + "\r\n" + GOOD_1.replace("\n", "\r\n")
                + "\r\n\r\n2020-01-03,10,9,11,10,10,1\r\n");

        var e = catchThrowableOfType(MarketDataException.class, () -> CsvCandleReader.read(file, false));

        assertThat(e).hasMessage(dir.resolve("crlf.csv") + ":6: field 'High': 9 is below Low 11");
    }

    @Test
    void names_the_time_field_for_a_duplicate_intraday_bar() throws IOException {
        Path file = write("m1.csv", "Date,Time,Open,High,Low,Close\n"
                + "2020-01-02,09:00,1,1,1,1\n2020-01-02,09:01,1,1,1,1\n2020-01-02,09:01:00,1,1,1,1\n");

        var e = catchThrowableOfType(MarketDataException.class, () -> CsvCandleReader.read(file, false));

        assertThat(e).hasMessage(dir.resolve("m1.csv")
                + ":4: field 'Time': 2020-01-02 09:01:00 repeats the timestamp of line 3");
    }

    @Test
    void rejects_a_bad_time_of_day() throws IOException {
        Path file = write("m1.csv", "Date,Time,Open,High,Low,Close\n2020-01-02,24:00,1,1,1,1\n");

        var e = catchThrowableOfType(MarketDataException.class, () -> CsvCandleReader.read(file, false));

        assertThat(e).hasMessage(dir.resolve("m1.csv") + ":2: field 'Time': '24:00' is not a time (HH:mm[:ss])");
    }

    @Test
    void rejects_rows_with_one_field_too_many_when_the_second_is_not_a_time() throws IOException {
        Path file = write("odd.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,1,5,0\n");

        var e = catchThrowableOfType(MarketDataException.class, () -> CsvCandleReader.read(file, false));

        assertThat(e).hasMessage(dir.resolve("odd.csv") + ":2: 7 fields, expected 6 (Date,Open,High,Low,Close,Volume): "
                + "'2020-01-02,1,1,1,1,5,0'");
    }

    @Test
    void after_the_inserted_time_rule_applies_every_row_must_carry_the_time() throws IOException {
        Path file = write("odd.csv", "Date,Open,High,Low,Close,Volume\n"
                + "2020-01-02,09:00,1,1,1,1,5\n2020-01-02,1,1,1,1,5\n");

        var e = catchThrowableOfType(MarketDataException.class, () -> CsvCandleReader.read(file, false));

        assertThat(e).hasMessage(dir.resolve("odd.csv")
                + ":3: 6 fields, expected 7 (Date,Time,Open,High,Low,Close,Volume): "
                + "'2020-01-02,1,1,1,1,5'");
    }

    @Test
    void skips_and_counts_bad_rows_keeping_the_first_twenty_reasons() throws IOException {
        var sb = new StringBuilder(HEADER).append(GOOD_1);
        for (int i = 0; i < 25; i++) {
            sb.append("2020-01-02,10,9,11,10,10,1\n"); // high below low, and a duplicate of line 2
        }
        sb.append(GOOD_2).append("2020-01-03,10,11,9,10,10,1\n").append("2020-01-04,10,11,9,10,10,x\n");
        Path file = write("skip.csv", sb.toString());

        CandleSeries s = CsvCandleReader.read(file, "SKIP", CsvFormat.yahoo(), true);

        assertThat(s.candles()).extracting(c -> c.ts()).containsExactly(1577923200000L, 1578009600000L);
        assertThat(s.skippedRows()).isEqualTo(27);
        assertThat(s.skipped()).hasSize(CsvCandleReader.MAX_SKIP_REASONS);
        assertThat(s.skipped().getFirst()).isEqualTo(dir.resolve("skip.csv") + ":3: field 'High': 9 is below Low 11");
        assertThat(s.skipped().get(19)).isEqualTo(dir.resolve("skip.csv") + ":22: field 'High': 9 is below Low 11");
    }

    @Test
    void a_skipped_row_does_not_move_the_order_check() throws IOException {
        Path file = write("s.csv", HEADER + GOOD_1 + "2020-01-09,10,9,11,10,10,1\n" + GOOD_2);

        CandleSeries s = CsvCandleReader.read(file, "S", CsvFormat.yahoo(), true);

        assertThat(s.size()).isEqualTo(2);
        assertThat(s.skipped()).containsExactly(dir.resolve("s.csv") + ":3: field 'High': 9 is below Low 11");
    }

    @Test
    void one_misplaced_row_is_the_row_rejected_not_the_good_rows_after_it() throws IOException {
        var sb = new StringBuilder(HEADER);
        for (int day = 1; day <= 30; day++) {
            sb.append(day == 10 ? "2031-06-09" : "2020-01-%02d".formatted(day)).append(",10,11,9,10.5,10.4,100\n");
        }
        Path file = write("leap.csv", sb.toString());

        CandleSeries s = CsvCandleReader.read(file, "L", CsvFormat.yahoo(), true);

        assertThat(s.size()).as("only the misplaced row is lost").isEqualTo(29);
        assertThat(s.skippedRows()).isEqualTo(1);
        assertThat(s.skipped()).containsExactly(
                dir.resolve("leap.csv")
                        + ":11: field 'Date': 2031-06-09 is after line 12 (2020-01-11), which follows it");
        var e = catchThrowableOfType(MarketDataException.class,
                () -> CsvCandleReader.read(file, "L", CsvFormat.yahoo(), false));
        assertThat(e).as("without skipping, the error names the misplaced row").hasMessage(s.skipped().getFirst());
        assertThat(e.line()).isEqualTo(11);
    }

    @Test
    void rows_out_of_order_and_bad_rows_are_reported_by_line() throws IOException {
        Path file = write("mix.csv", "Date,Time,Open,High,Low,Close\n"
                + "2020-01-02,09:00,1,1,1,1\n"
                + "2020-01-02,09:05,1,1,1,1\n"
                + "2020-01-02,09:01,1,1,1,1\n"   // between its neighbours' neighbours: ambiguous, the later row goes
                + "2020-01-02,09:06,1,1,1,1\n"
                + "2020-01-02,09:07,1,x,1,1\n"
                + "2020-01-02,09:07,1,1,1,1\n"
                + "2020-01-02,09:07,1,1,1,1\n");

        CandleSeries s = CsvCandleReader.read(file, "M", CsvFormat.detect(file), true);

        assertThat(s.candles()).extracting(c -> (c.ts() / 60_000) % 60).containsExactly(0L, 5L, 6L, 7L);
        assertThat(s.skipped()).containsExactly(
                dir.resolve("mix.csv") + ":4: field 'Time': 2020-01-02 09:01:00 is before line 3 (2020-01-02 09:05:00)",
                dir.resolve("mix.csv") + ":6: field 'High': 'x' is not a number",
                dir.resolve("mix.csv") + ":8: field 'Time': 2020-01-02 09:07:00 repeats the timestamp of line 7");
    }

    @Test
    void without_skipping_an_earlier_row_out_of_order_is_the_error_not_a_later_bad_field() throws IOException {
        Path file = write("first.csv", HEADER + GOOD_1 + GOOD_2 + "2020-01-01,10,11,9,10.5,10.4,1\n"
                + "2020-01-06,10,1x,9,10.5,10.4,1\n");
        assertThat(catchThrowableOfType(MarketDataException.class,
                () -> CsvCandleReader.read(file, "F", CsvFormat.yahoo(), false)))
                .hasMessage(dir.resolve("first.csv") + ":4: field 'Date': 2020-01-01 is before line 3 (2020-01-03)");
    }

    @Test
    void times_print_in_the_files_zone_when_the_rows_have_times_of_day() throws IOException {
        Path file = write("ny.csv", "Date,Open,High,Low,Close\n2020-01-10 18:00,1,1,1,1\n2020-01-10 19:00,1,1,1,1\n"
                + "2020-01-10 18:30,1,1,1,1\n2020-01-10 20:00,1,1,1,1\n");
        CsvFormat ny = CsvFormat.detect(file).withZone(java.time.ZoneId.of("America/New_York"));
        // 19:00 in New York is UTC midnight: it prints as the time it was, not as a date
        assertThat(CsvCandleReader.read(file, "N", ny, true).skipped()).containsExactly(
                dir.resolve("ny.csv") + ":4: field 'Date': 2020-01-10 18:30:00 is before line 3 (2020-01-10 19:00:00)");
    }

    @Test
    void a_quoted_field_with_a_comma_is_one_field_and_names_itself() throws IOException {
        Path file = write("q.csv", HEADER + GOOD_1 + "\"2020-01-03\",\"10.5\",12,10,\"11\",10.9,\"1,200\"\n");
        var e = catchThrowableOfType(MarketDataException.class,
                () -> CsvCandleReader.read(file, "Q", CsvFormat.yahoo(), false));
        assertThat(e).hasMessage(dir.resolve("q.csv") + ":3: field 'Volume': '1,200' is not a number");
    }

    @Test
    void fails_when_every_row_is_skipped() throws IOException {
        Path file = write("bad.csv", HEADER + "2020-01-02,x,1,1,1,1,1\n2020-01-03,x,1,1,1,1,1\n");

        var e = catchThrowableOfType(MarketDataException.class,
                () -> CsvCandleReader.read(file, "B", CsvFormat.yahoo(), true));

        Path bad = dir.resolve("bad.csv");
        assertThat(e).hasMessage(bad + ": all 2 data rows are bad; the first: " + bad + ":2: field 'Open': 'x' is not "
                + "a number");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
