package dev.stratagem.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * The benchmark's long daily series, generated from a real one without randomness, so it is the same bytes
 * on every machine. ORCL's daily log returns (close to close) are replayed cyclically, each minus their mean
 * so a cycle ends where it began and prices stay in ORCL's range for any length; open, high and low keep
 * their ratio to the previous close, volume is copied. The chain starts at the first close, is computed with
 * {@link StrictMath} (bit-identical on every JVM), and printed rounded half-even to 6 decimals. Dates advance
 * by business days (Monday to Friday) from 1995-01-03. Output is Yahoo format
 * ({@code Date,Open,High,Low,Close,Adj Close,Volume}, Adj Close = Close).
 */
final class SyntheticSeries {

    static final LocalDate FIRST_DAY = LocalDate.of(1995, 1, 3);

    private SyntheticSeries() {}

    /** The file written and its SHA-256. */
    record Written(Path file, long bars, String sha256) {}

    /**
     * @param source a Yahoo-format daily CSV, oldest first
     * @param bars how many bars to write
     * @param out the CSV to write
     * @return the file, its bar count and SHA-256
     */
    static Written write(Path source, int bars, Path out) {
        try {
            List<String[]> rows = Files.readAllLines(source).stream().skip(1).filter(l -> !l.isBlank())
                    .map(l -> l.split(",")).toList();
            int n = rows.size();
            double[] open = new double[n];
            double[] high = new double[n];
            double[] low = new double[n];
            double[] close = new double[n];
            long[] volume = new long[n];
            for (int i = 0; i < n; i++) {
                String[] r = rows.get(i);
                open[i] = Double.parseDouble(r[1]);
                high[i] = Double.parseDouble(r[2]);
                low[i] = Double.parseDouble(r[3]);
                close[i] = Double.parseDouble(r[4]);
                volume[i] = Long.parseLong(r[6].trim());
            }
            double drift = StrictMath.log(close[n - 1] / close[0]) / (n - 1);
            double detrend = StrictMath.exp(-drift);
            Files.createDirectories(out.toAbsolutePath().getParent());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            LocalDate day = FIRST_DAY;
            double previous = close[0];
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
                String header = "Date,Open,High,Low,Close,Adj Close,Volume\n";
                w.write(header);
                sha.update(header.getBytes(StandardCharsets.US_ASCII));
                for (int k = 0; k < bars; k++) {
                    String line;
                    if (k == 0) {
                        line = row(day, open[0], high[0], low[0], close[0], volume[0]);
                    } else {
                        int i = 1 + (k - 1) % (n - 1);
                        double base = previous / close[i - 1] * detrend;
                        double c = close[i] * base;
                        line = row(day, open[i] * base, high[i] * base, low[i] * base, c, volume[i]);
                        previous = c;
                    }
                    w.write(line);
                    sha.update(line.getBytes(StandardCharsets.US_ASCII));
                    day = nextBusinessDay(day);
                }
            }
            return new Written(out, bars, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String row(LocalDate day, double o, double h, double l, double c, long v) {
        String close = price(c);
        return day + "," + price(o) + "," + price(h) + "," + price(l) + "," + close + "," + close + "," + v + "\n";
    }

    private static String price(double p) {
        return new BigDecimal(p).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }
}
