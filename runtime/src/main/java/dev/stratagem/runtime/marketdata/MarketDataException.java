package dev.stratagem.runtime.marketdata;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Bad market data: the message names the file by its path (as the caller resolved it, not its name alone), the
 * 1-based line, the field and the offending value, e.g. {@code data/orcl.csv:17: field 'High': 9.5 is below Low 9.7}.
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

    /**
     * @param line the line that could not be read, 0 if not known
     * @return the failure to read a file, said in words, not as the exception's class
     */
    static MarketDataException unreadable(Path file, int line, IOException e) {
        String why = switch (e) {
            case NoSuchFileException ignored -> "no such file " + file.toAbsolutePath().normalize();   // where looked
            case AccessDeniedException ignored -> "permission denied";
            case CharacterCodingException ignored -> "not UTF-8 text (save the file as UTF-8)";
            case FileSystemException fs when fs.getReason() != null -> fs.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
        return new MarketDataException(file, line, null, "cannot read: " + why, e);
    }

    static String message(Path file, int line, String field, String detail) {
        var sb = new StringBuilder(96);
        sb.append(file);   // the path: two files of one name in two folders are told apart
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
