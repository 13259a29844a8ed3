package dev.stratagem.runtime.marketdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header of a CSV file and its first data row, read once by both {@link CsvFormat#detect} and
 * {@link CsvCandleReader} so the two agree on the columns.
 *
 * <p><b>The inserted-time rule.</b> Some exported files (e.g. {@code 2006-01-02-volume-min-001.txt}) name
 * {@code Date,Open,High,Low,Close,Volume,OpenInterest} in the header but carry a time of day after the date
 * in every row: {@code 2006-01-02,09:01:00,3602.00,...}. When the header's first column is {@code Date},
 * no header column is named {@code Time}, {@code DateTime} or {@code Timestamp}, and the first data row has
 * exactly one field more than the header with a second field that parses as {@code HH:mm[:ss]}, the file
 * is read as {@code Date,Time,<the rest of the header>}, every row must then have that many fields, and a
 * note says so. Any other mismatch between the header and the rows is an error.
 *
 * @param columns the effective column names: the header's, or with {@code Time} inserted by the rule
 * @param headerLine the 1-based line of the header
 * @param firstRow the first data row
 * @param firstRowLine its 1-based line
 * @param notes how the header was interpreted, when not as written
 */
record CsvPreamble(List<String> columns, int headerLine, String firstRow, int firstRowLine, List<String> notes) {

    static final String INSERTED_TIME = "Time";

    /** Reads up to and including the first data row; the reader is left on the line after it. */
    static CsvPreamble read(BufferedReader in, Path file) throws IOException {
        int lineNo = 0;
        String header = null;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (!line.isBlank()) {
                header = line;
                break;
            }
        }
        if (header == null) {
            throw new MarketDataException(file, 0, null,
                    "the file is empty: expected a header such as Date,Open,High,Low,Close,Volume and data rows");
        }
        int headerLine = lineNo;
        var fields = new CsvFields();
        fields.split(header);
        List<String> names = new ArrayList<>(fields.count());
        for (int i = 0; i < fields.count(); i++) {
            names.add(fields.text(i));
        }
        if (!names.getFirst().isEmpty() && Character.isDigit(names.getFirst().charAt(0))) {
            throw new MarketDataException(file, headerLine, null, "expected a header line naming the columns, found data '"
                    + abbreviate(header) + "'");
        }
        String firstRow = null;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (!line.isBlank()) {
                firstRow = line;
                break;
            }
        }
        if (firstRow == null) {
            throw new MarketDataException(file, headerLine, null, "the file has a header but no data rows");
        }
        List<String> notes = new ArrayList<>();
        fields.split(firstRow);
        if (insertedTime(names, fields)) {
            List<String> original = List.copyOf(names);
            names.add(1, INSERTED_TIME);
            notes.add(MarketDataException.message(file, headerLine, null, "the header names " + original.size()
                    + " columns " + String.join(",", original) + " but the rows carry " + names.size()
                    + " fields with a time of day in field 2 (line " + lineNo + ": '" + fields.text(1)
                    + "'); read as " + String.join(",", names)));
        }
        return new CsvPreamble(List.copyOf(names), headerLine, firstRow, lineNo, List.copyOf(notes));
    }

    private static boolean insertedTime(List<String> names, CsvFields row) {
        if (row.count() != names.size() + 1 || !names.getFirst().equalsIgnoreCase("date")) {
            return false;
        }
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("time") || n.equals("datetime") || n.equals("timestamp")) {
                return false;
            }
        }
        return CsvTimestampParser.millisOfDay(row.line(), row.start(1), row.end(1)) >= 0;
    }

    static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
