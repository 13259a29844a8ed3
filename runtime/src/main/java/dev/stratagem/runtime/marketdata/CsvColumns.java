package dev.stratagem.runtime.marketdata;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@link CsvFormat} resolved against one file's columns: the index of each role (-1 when not mapped)
 * and the header name used in messages.
 */
record CsvColumns(int width, int date, int time, int open, int high, int low, int close, int volume,
        List<String> names) {

    static CsvColumns resolve(CsvFormat format, CsvPreamble preamble, Path file) {
        List<String> names = preamble.columns();
        int[] index = new int[CsvFormat.Role.values().length];
        for (CsvFormat.Role role : CsvFormat.Role.values()) {
            String spec = format.columns().get(role);
            index[role.ordinal()] = spec == null ? -1 : indexOf(spec, role, names, preamble.headerLine(), file);
        }
        for (CsvFormat.Role a : CsvFormat.Role.values()) {
            for (CsvFormat.Role b : CsvFormat.Role.values()) {
                if (a.ordinal() < b.ordinal() && index[a.ordinal()] >= 0 && index[a.ordinal()] == index[b.ordinal()]) {
                    throw new MarketDataException(file, preamble.headerLine(), names.get(index[a.ordinal()]),
                            "mapped to both " + a.key() + " and " + b.key());
                }
            }
        }
        return new CsvColumns(names.size(), index[0], index[1], index[2], index[3], index[4], index[5], index[6],
                names);
    }

    private static int indexOf(String spec, CsvFormat.Role role, List<String> names, int headerLine, Path file) {
        if (CsvFormat.isIndex(spec)) {
            int i = Integer.parseInt(spec);
            if (i >= names.size()) {
                throw new MarketDataException(file, headerLine, null, role.key() + " column index " + i
                        + " is beyond the " + names.size() + " columns [" + String.join(", ", names) + "]");
            }
            return i;
        }
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(spec)) {
                if (found >= 0) {
                    throw new MarketDataException(file, headerLine, spec, "the header names this column twice ("
                            + found + " and " + i + "); map " + role.key() + " by index instead");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new MarketDataException(file, headerLine, null, "no column named '" + spec + "' for "
                    + role.key() + " in the header [" + String.join(", ", names) + "]");
        }
        return found;
    }

    /** @return the header name of column {@code i}, or its index in brackets when the header cell is empty */
    String name(int i) {
        String n = names.get(i);
        return n.isEmpty() ? "[" + i + "]" : n;
    }
}
