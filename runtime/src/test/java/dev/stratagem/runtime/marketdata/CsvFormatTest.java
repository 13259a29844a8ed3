package dev.stratagem.runtime.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stratagem.runtime.marketdata.CsvFormat.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatTest {

    static final Path DATA = CsvCandleReaderTest.DATA;

    @TempDir
    Path dir;

    @Test
    void detects_yahoo_and_the_generic_real_files() {
        assertThat(CsvFormat.detect(DATA.resolve("orcl-1995-2014.txt"))).isEqualTo(CsvFormat.yahoo());
        assertThat(CsvFormat.detect(DATA.resolve("2005-2006-day-001.txt")).toSpec())
                .isEqualTo("date=Date,open=Open,high=High,low=Low,close=Close,volume=Volume,zone=Z");
        assertThat(CsvFormat.detect(DATA.resolve("2006-min-005.txt")).toSpec())
                .isEqualTo("date=Date,time=Time,open=Open,high=High,low=Low,close=Close,volume=Volume,zone=Z");
        assertThat(CsvFormat.detect(DATA.resolve("2006-01-02-volume-min-001.txt")).columns())
                .containsEntry(Role.TIME, "Time");
    }

    @Test
    void parses_a_mapping_by_name_and_by_index_with_a_zone() {
        CsvFormat byName = CsvFormat.parseMapping(
                "date=Date, time=Time, open=Open, high=High, low=Low, close=Close, volume=Adj Volume");
        assertThat(byName.columns()).containsEntry(Role.VOLUME, "Adj Volume").containsEntry(Role.TIME, "Time");
        assertThat(byName.zone()).isEqualTo(ZoneOffset.UTC);

        CsvFormat byIndex = CsvFormat.parseMapping("DATE=0,open=1,high=2,low=3,close=4,zone=Europe/Berlin");
        assertThat(byIndex.columns()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Role.DATE, "0", Role.OPEN, "1", Role.HIGH, "2", Role.LOW, "3", Role.CLOSE, "4"));
        assertThat(byIndex.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(CsvFormat.parseMapping(byIndex.toSpec())).isEqualTo(byIndex.withZone(byIndex.zone()));
    }

    @Test
    void rejects_bad_mappings_naming_the_entry() {
        assertThatThrownBy(() -> CsvFormat.parseMapping("date=0,open=1,high=2,low=3"))
                .hasMessage("no column mapped for close");
        assertThatThrownBy(() -> CsvFormat.parseMapping("date=0,opn=1,high=2,low=3,close=4"))
                .hasMessageStartingWith("unknown column role 'opn'");
        assertThatThrownBy(() -> CsvFormat.parseMapping("date=0,open,high=2,low=3,close=4"))
                .hasMessage("mapping entry 'open' is not role=column");
        assertThatThrownBy(() -> CsvFormat.parseMapping("date=0,open=1,high=2,low=3,close=4,zone=Mars/Base"))
                .hasMessage("mapping zone 'Mars/Base' is not a time zone");
        assertThatThrownBy(() -> CsvFormat.parseMapping("date=0,date=1,open=1,high=2,low=3,close=4"))
                .hasMessage("column role 'date' is mapped twice");
        assertThatThrownBy(() -> CsvFormat.parseMapping("date=-1,open=1,high=2,low=3,close=4"))
                .hasMessage("column index for 'date' is negative: -1");
    }

    @Test
    void a_mapping_naming_a_missing_column_fails_at_the_header() throws IOException {
        Path file = write("x.csv", "Date,Open,High,Low,Close\n2020-01-02,1,1,1,1\n");

        assertThatThrownBy(() -> CsvCandleReader.read(file, "X",
                CsvFormat.parseMapping("date=Date,open=Open,high=High,low=Low,close=Last"), false))
                .hasMessage(dir.resolve("x.csv")
                        + ":1: no column named 'Last' for close in the header [Date, Open, High, Low, Close]");
        assertThatThrownBy(() -> CsvCandleReader.read(file, "X",
                CsvFormat.parseMapping("date=0,open=1,high=2,low=3,close=5"), false))
                .hasMessage(dir.resolve("x.csv")
                        + ":1: close column index 5 is beyond the 5 columns [Date, Open, High, Low, Close]");
        assertThatThrownBy(() -> CsvCandleReader.read(file, "X",
                CsvFormat.parseMapping("date=0,open=1,high=2,low=2,close=4"), false))
                .hasMessage(dir.resolve("x.csv") + ":1: field 'High': mapped to both high and low");
    }

    @Test
    void an_empty_file_is_a_clear_error() throws IOException {
        Path file = write("empty.csv", "\n  \n");

        var e = catchThrowableOfType(MarketDataException.class, () -> CsvCandleReader.read(file, false));

        assertThat(e).hasMessage(dir.resolve("empty.csv") + ": the file is empty: expected a header such as "
                + "Date,Open,High,Low,Close,Volume and data rows");
        assertThat(e.line()).isZero();
    }

    @Test
    void a_header_without_rows_is_a_clear_error() throws IOException {
        Path file = write("h.csv", "Date,Open,High,Low,Close,Volume\r\n\r\n");

        assertThatThrownBy(() -> CsvCandleReader.read(file, false))
                .isInstanceOf(MarketDataException.class)
                .hasMessage(dir.resolve("h.csv") + ":1: the file has a header but no data rows");
    }

    @Test
    void a_file_without_header_is_a_clear_error() throws IOException {
        Path file = write("nohdr.csv", "2020-01-02,1,1,1,1,5\n");

        assertThatThrownBy(() -> CsvFormat.detect(file))
                .hasMessage(dir.resolve("nohdr.csv")
                        + ":1: expected a header line naming the columns, found data '2020-01-02,1,1,1,1,5'");
    }

    @Test
    void an_undetectable_header_names_the_missing_role() throws IOException {
        Path file = write("q.csv", "Date,Bid,Ask\n2020-01-02,1,2\n");

        assertThatThrownBy(() -> CsvFormat.detect(file))
                .hasMessage(dir.resolve("q.csv")
                        + ":1: cannot detect the format: no open column in the header [Date, Bid, Ask]; "
                        + "pass a column mapping such as date=0,open=1,high=2,low=3,close=4,volume=5");
    }

    @Test
    void a_missing_file_is_a_market_data_error_naming_it() {
        assertThatThrownBy(() -> CsvCandleReader.read(dir.resolve("nope.csv"), false))
                .isInstanceOf(MarketDataException.class)
                .hasMessage(dir.resolve("nope.csv") + ": cannot read: no such file "
                        + dir.resolve("nope.csv").toAbsolutePath().normalize());
    }

    @Test
    void a_file_that_is_not_utf8_or_not_a_file_says_so_in_words() throws IOException {
        Path latin1 = Files.write(dir.resolve("l1.csv"),
                "Date,Open,High,Low,Close\n2020-01-02,1,1,1,1 \u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvCandleReader.read(latin1, "L", CsvFormat.yahoo(), false))
                .isInstanceOf(MarketDataException.class)
                .hasMessage(dir.resolve("l1.csv") + ": cannot read: not UTF-8 text (save the file as UTF-8)");
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertThatThrownBy(() -> CsvFormat.detect(folder)).isInstanceOf(MarketDataException.class)
                .hasMessage(dir.resolve("folder.csv") + ": cannot read: Is a directory");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
