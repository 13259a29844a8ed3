package dev.stratagem.runtime.marketdata;

import java.nio.file.Path;

/**
 * Bad market data: the message names the file, the 1-based line, the field and the offending value,
 * e.g. {@code orcl.csv:17: field 'High': 9.5 is below Low 9.7}.
 *
 * <p>{@link #line()} is 0 for a problem with the whole file (empty, unreadable); {@link #field()} is
 * {@code null} for a problem with a whole line (wrong number of fields, no header).
 */
public final class MarketDataException extends RuntimeException {

    private final transient Path file;
    private final int line;
    private final String field;

    MarketDataException(Path file, int line, String field, String detail) {
        this(file, line, field, detail, null);
    }

    MarketDataException(Path file, int line, String field, String detail, Throwable cause) {
        super(message(file, line, field, detail), cause);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** @return the file that was read */
    public Path file() {
        return file;
    }

    /** @return the 1-based line number, 0 when the problem is with the whole file */
    public int line() {
        return line;
    }

    /** @return the column's header name, or {@code null} when the problem is with a whole line or file */
    public String field() {
        return field;
    }

    static String message(Path file, int line, String field, String detail) {
        var sb = new StringBuilder(96);
        sb.append(file == null || file.getFileName() == null ? String.valueOf(file) : file.getFileName().toString());
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(detail).toString();
    }
}
