package dev.stratagem.runtime.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleSeriesCacheTest {

    private static final String HEADER = "Date,Open,High,Low,Close,Volume\n";

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        CandleSeriesCache.clear();
    }

    @Test
    void an_unchanged_file_is_parsed_once_and_a_changed_one_again() throws IOException {
        Path file = write("orcl.csv", HEADER + "2020-01-02,10,11,9,10.5,100\n2020-01-03,10.5,12,10,11,200\n");
        CsvFormat format = CsvFormat.detect(file);

        CandleSeries first = CandleSeriesCache.read(file, "ORCL", format, false);
        assertThat(CandleSeriesCache.read(file, "ORCL", format, false)).isSameAs(first);
        assertThat(CandleSeriesCache.read(file, "ORCL", format, false).candles()).hasSize(2);

        // same size, new content, a later time: parsed again
        Files.writeString(file, HEADER + "2020-01-02,10,11,9,10.5,100\n2020-01-03,10.5,12,10,11,300\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2_000));
        CandleSeries changed = CandleSeriesCache.read(file, "ORCL", format, false);
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.candles().getLast().volume()).isEqualTo(300);

        // another symbol or another bad-row rule is another entry
        assertThat(CandleSeriesCache.read(file, "MSFT", format, false).symbol()).isEqualTo("MSFT");
        assertThat(CandleSeriesCache.read(file, "ORCL", format, true)).isNotSameAs(changed);
    }

    @Test
    void a_file_that_does_not_parse_fails_every_time_and_once_fixed_reads() throws IOException {
        Path file = write("bad.csv", HEADER + "2020-01-02,10,11,9,oops,100\n");
        CsvFormat format = CsvFormat.detect(file);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> CandleSeriesCache.read(file, "BAD", format, false))
                    .isInstanceOf(MarketDataException.class)
                    .hasMessageContaining("bad.csv:2: field 'Close'");
        }
        Files.writeString(file, HEADER + "2020-01-02,10,11,9,10.5,100\n");
        assertThat(CandleSeriesCache.read(file, "BAD", format, false).candles()).hasSize(1);
    }

    @Test
    void a_missing_file_is_the_reader_s_error() {
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> CandleSeriesCache.read(missing, "X", CsvFormat.yahoo(), false))
                .isInstanceOf(MarketDataException.class)
                .hasMessageContaining("missing.csv");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
