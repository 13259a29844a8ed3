package dev.stratagem.runtime.marketdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads OHLCV bars from a CSV file for backtests.
 *
 * <p>The file is UTF-8 with an optional BOM, LF or CRLF line endings; blank lines are ignored (they still
 * count for line numbers). The first non-blank line is the header; see {@link CsvFormat} for the columns and
 * timestamps and {@link CsvPreamble} for the one tolerated header/row mismatch. Bars must be in strictly
 * increasing time order. A bad row throws a {@link MarketDataException} naming file, line, field and value,
 * unless {@code skipBadRows} is set: then it is skipped and counted in the result.
 */
public final class CsvCandleReader {

    /** How many skip reasons a {@link CandleSeries} keeps. */
    public static final int MAX_SKIP_REASONS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(CsvCandleReader.class);

    private CsvCandleReader() {}

    /**
     * Detects the format ({@link CsvFormat#detect}) and takes the symbol from the file name
     * ({@link #symbolFromFileName}).
     */
    public static CandleSeries read(Path file, boolean skipBadRows) {
        return read(file, symbolFromFileName(file), CsvFormat.detect(file), skipBadRows);
    }

    /**
     * @param file the CSV file
     * @param symbol the symbol every candle carries
     * @param format the columns and zone
     * @param skipBadRows skip and count bad rows instead of failing on the first
     * @return the bars, oldest first, with the skip count and notes
     * @throws MarketDataException for an unreadable or empty file, a header without the mapped columns, no
     *     good rows, or (without {@code skipBadRows}) the first bad row
     */
    public static CandleSeries read(Path file, String symbol, CsvFormat format, boolean skipBadRows) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvPreamble preamble = CsvPreamble.read(in, file);
            preamble.notes().forEach(LOG::info);
            var columns = CsvColumns.resolve(format, preamble, file);
            var rows = new CsvRowParser(file, symbol, columns, format.zone(), skipBadRows);
            int lineNo = preamble.firstRowLine();
            rows.accept(preamble.firstRow(), lineNo);
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.accept(line, lineNo);
                }
            }
            return rows.finish(preamble.notes());
        } catch (IOException e) {
            // no line: the reader decodes ahead of the line it returns, so a bad byte's line is not known here
            throw MarketDataException.unreadable(file, 0, e);
        }
    }

    /**
     * The symbol a file name implies: the file name without its last extension, cut at the first
     * {@code -} when the part before it starts with a letter, upper-cased. So {@code orcl-1995-2014.txt}
     * is {@code ORCL}, {@code AAPL.csv} is {@code AAPL}, and a name that starts with a digit is kept whole:
     * {@code 2006-min-005.txt} is {@code 2006-MIN-005}.
     */
    public static String symbolFromFileName(Path file) {
        String name = Objects.requireNonNull(file.getFileName(), "file has no name").toString();
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name).trim();
        int dash = base.indexOf('-');
        if (dash > 0 && Character.isLetter(base.charAt(0))) {
            base = base.substring(0, dash);
        }
        if (base.isBlank()) {
            throw new IllegalArgumentException("no symbol in file name '" + name + "'");
        }
        return base.toUpperCase(Locale.ROOT);
    }
}
