package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The real ORCL daily series 1995-2014 from runtime/data, read with a deliberately tiny parser. */
final class OrclBars {

    static final String SYMBOL = "ORCL";
    private static final String FILE = "runtime/data/orcl-1995-2014.txt";

    /** One line of the file: the date, the close as written (exact decimal) and the bar. */
    record Row(LocalDate date, BigDecimal close, Candle candle) {}

    private static List<Row> rows;

    private OrclBars() {}

    static synchronized List<Row> rows() {
        if (rows == null) {
            rows = read(locate());
        }
        return rows;
    }

    static List<Candle> candles() {
        return rows().stream().map(Row::candle).toList();
    }

    static int indexOf(LocalDate date) {
        List<Row> all = rows();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).date().equals(date)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no bar on " + date + " in " + FILE);
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
    }

    private static List<Row> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> out = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) { // header: Date,Open,High,Low,Close,Adj Close,Volume
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            LocalDate date = LocalDate.parse(f[0]);
            long ts = date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            Candle candle = new Candle(SYMBOL, ts, Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[6]));
            out.add(new Row(date, new BigDecimal(f[4]), candle));
        }
        return List.copyOf(out);
    }
}
