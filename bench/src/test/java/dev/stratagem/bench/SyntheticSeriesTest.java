package dev.stratagem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator is deterministic, starts from ORCL's first bar and skips weekends. */
class SyntheticSeriesTest {

    @TempDir
    Path tmp;

    @Test
    void writes_the_same_bytes_every_time_and_a_longer_series_extends_a_shorter_one() throws Exception {
        Path orcl = Path.of(System.getProperty("stratagem.data.dir", "../runtime/data")).resolve("orcl-1995-2014.txt");
        SyntheticSeries.Written a = SyntheticSeries.write(orcl, 12_000, tmp.resolve("a.csv"));
        SyntheticSeries.Written b = SyntheticSeries.write(orcl, 12_000, tmp.resolve("b.csv"));
        SyntheticSeries.Written shorter = SyntheticSeries.write(orcl, 6_000, tmp.resolve("c.csv"));
        assertThat(b.sha256()).isEqualTo(a.sha256());
        var lines = Files.readAllLines(a.file());
        assertThat(lines).hasSize(12_001).startsWith(Files.readAllLines(shorter.file()).toArray(String[]::new));
        assertThat(lines.get(1)).startsWith("1995-01-03,").contains(",2.117284,");
        assertThat(lines.get(4)).startsWith("1995-01-06,");
        assertThat(lines.get(5)).startsWith("1995-01-09,");
    }
}
