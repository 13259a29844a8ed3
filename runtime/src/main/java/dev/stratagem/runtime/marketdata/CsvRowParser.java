package dev.stratagem.runtime.marketdata;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks and converts data rows one by one, keeping the bars in order. A bad row either throws a
 * {@link MarketDataException} or, when skipping, is counted with its reason (the first
 * {@value CsvCandleReader#MAX_SKIP_REASONS} reasons are kept).
 *
 * <p>A row is bad when: its field count differs from the columns; the date or time does not parse; a
 * price is not a finite positive number; the volume is not a finite number or is negative; High is below
 * Low; Open or Close lies outside [Low, High]; it is out of time order. Time order is settled once the whole file is
 * read ({@link CsvRowOrder}): the fewest rows leave out so that the rest are in order, so one misplaced row is the
 * one rejected, not the good rows after it.
 */
final class CsvRowParser {

    private static final double BAD = Double.NaN;

    private final Path file;
    private final String symbol;
    private final CsvColumns cols;
    private final CsvTimestampParser stamps;
    private final ZoneId zone;
    private final boolean skipBadRows;
    private final CsvFields fields = new CsvFields();
    private final CandleColumns.Builder candles;
    /** The first reasons of rows bad in themselves, then of rows out of order: merged by line at the end. */
    private final List<Skip> skipped = new ArrayList<>();
    private int skippedRows;
    /** Each good row's line, in file order. */
    private int[] lines = new int[256];
    private long previousTs = Long.MIN_VALUE;
    private boolean inOrder = true;
    /** Whether a row had a time of day (a time column, or a date-time in the date column): times print with it. */
    private boolean timesOfDay;
    private int lineNo;
    private boolean bad;

    CsvRowParser(Path file, String symbol, CsvColumns cols, ZoneId zone, boolean skipBadRows) {
        this.file = file;
        this.symbol = symbol;
        this.cols = cols;
        this.stamps = new CsvTimestampParser(zone);
        this.zone = zone;
        this.timesOfDay = cols.time() >= 0;
        this.skipBadRows = skipBadRows;
        this.candles = new CandleColumns.Builder(symbol);
    }

    void accept(String line, int lineNo) {
        this.lineNo = lineNo;
        this.bad = false;
        int n = fields.split(line);
        if (n != cols.width()) {
            reject(-1, n + " fields, expected " + cols.width() + " (" + String.join(",", cols.names()) + "): '"
                    + CsvPreamble.abbreviate(line) + "'");
            return;
        }
        long ts = timestamp();
        double open = price(cols.open());
        double high = price(cols.high());
        double low = price(cols.low());
        double close = price(cols.close());
        double volume = cols.volume() < 0 ? 0 : volume();
        if (bad) {
            return;
        }
        if (high < low) {
            reject(cols.high(), fields.text(cols.high()) + " is below " + cols.name(cols.low()) + " " + fields.text(cols.low()));
        } else if (!inRange(cols.open(), open, low, high) || !inRange(cols.close(), close, low, high)) {
            return;
        } else {
            if (candles.size() == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[candles.size()] = lineNo;
            candles.addInFileOrder(ts, open, high, low, close, volume);
            inOrder &= ts > previousTs;
            previousTs = ts;
        }
    }

    CandleSeries finish(List<String> notes) {
        if (!inOrder) {
            putInOrder();
        }
        skipped.sort(Comparator.comparingInt(Skip::line));
        List<String> reasons = skipped.stream().limit(CsvCandleReader.MAX_SKIP_REASONS).map(Skip::message).toList();
        if (candles.size() == 0) {
            throw new MarketDataException(file, 0, null, "all " + skippedRows + " data rows are bad; the first: "
                    + reasons.getFirst());
        }
        return new CandleSeries(symbol, file, candles.build(), skippedRows, reasons, notes);
    }

    /** Rejects the fewest rows that leave the rest in strictly increasing time order, each naming the row it breaks. */
    private void putInOrder() {
        int n = candles.size();
        long[] ts = candles.times();
        boolean[] kept = CsvRowOrder.kept(ts, n);
        String field = cols.name(cols.time() >= 0 ? cols.time() : cols.date());
        boolean dates = !timesOfDay;
        int reasons = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                continue;
            }
            if (!skipBadRows) {
                throw new MarketDataException(file, lines[i], field, CsvRowOrder.reason(ts, lines, kept, n, i, zone,
                        dates));
            }
            skippedRows++;
            if (reasons++ < CsvCandleReader.MAX_SKIP_REASONS) {   // past those, a row is only counted
                skipped.add(new Skip(lines[i], MarketDataException.message(file, lines[i], field,
                        CsvRowOrder.reason(ts, lines, kept, n, i, zone, dates))));
            }
        }
        candles.retain(kept);
    }

    private long timestamp() {
        int d = cols.date();
        if (cols.time() < 0) {
            long ts = stamps.dateOrDateTime(fields.line(), fields.start(d), fields.end(d));
            timesOfDay |= fields.end(d) - fields.start(d) > 10;
            if (ts == CsvTimestampParser.INVALID) {
                reject(d, "'" + fields.text(d) + "' is not a date (yyyy-MM-dd) or date-time (yyyy-MM-dd HH:mm[:ss])");
            }
            return ts;
        }
        long day = CsvTimestampParser.epochDay(fields.line(), fields.start(d), fields.end(d));
        if (day == CsvTimestampParser.INVALID) {
            reject(d, "'" + fields.text(d) + "' is not a date (yyyy-MM-dd)");
            return day;
        }
        int t = cols.time();
        int millis = CsvTimestampParser.millisOfDay(fields.line(), fields.start(t), fields.end(t));
        if (millis < 0) {
            reject(t, "'" + fields.text(t) + "' is not a time (HH:mm[:ss])");
            return CsvTimestampParser.INVALID;
        }
        return stamps.local(day, millis);
    }

    private double price(int i) {
        double value = number(i);
        if (value <= 0) {
            reject(i, fields.text(i) + " is not positive");
            return BAD;
        }
        return value;
    }

    private double volume() {
        double value = number(cols.volume());
        if (value < 0) {
            reject(cols.volume(), fields.text(cols.volume()) + " is negative");
            return BAD;
        }
        return value;
    }

    /** Double.parseDouble's value, but only for text ending in a digit or '.': no NaN, Infinity or 1d / 1f suffixes. */
    private double number(int i) {
        if (bad) {
            return BAD;
        }
        int end = fields.end(i);
        char last = end > fields.start(i) ? fields.line().charAt(end - 1) : ' ';
        if ((last < '0' || last > '9') && last != '.') {
            reject(i, "'" + fields.text(i) + "' is not a number");
            return BAD;
        }
        double value;
        try {
            value = CsvDecimalParser.parse(fields.line(), fields.start(i), end);
        } catch (NumberFormatException e) {
            reject(i, "'" + fields.text(i) + "' is not a number");
            return BAD;
        }
        if (!Double.isFinite(value)) {
            reject(i, "'" + fields.text(i) + "' is not a finite number");
            return BAD;
        }
        return value;
    }

    private boolean inRange(int i, double value, double low, double high) {
        if (value > high) {
            reject(i, fields.text(i) + " is above " + cols.name(cols.high()) + " " + fields.text(cols.high()));
            return false;
        }
        if (value < low) {
            reject(i, fields.text(i) + " is below " + cols.name(cols.low()) + " " + fields.text(cols.low()));
            return false;
        }
        return true;
    }

    /** Records the first problem of the current row: throws, or counts it when skipping. */
    private void reject(int column, String detail) {
        if (bad) {
            return;
        }
        bad = true;
        String field = column < 0 ? null : cols.name(column);
        if (!skipBadRows) {
            if (!inOrder) {
                putInOrder();   // an earlier row out of order is the first error: it throws
            }
            throw new MarketDataException(file, lineNo, field, detail);
        }
        skippedRows++;
        if (skipped.size() < CsvCandleReader.MAX_SKIP_REASONS) {
            skipped.add(new Skip(lineNo, MarketDataException.message(file, lineNo, field, detail)));
        }
    }

    private record Skip(int line, String message) {}
}
