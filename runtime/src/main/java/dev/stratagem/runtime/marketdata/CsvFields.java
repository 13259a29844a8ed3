package dev.stratagem.runtime.marketdata;

import java.util.Arrays;

/**
 * Splits one CSV line on commas without copying: the offsets of each field, trimmed of spaces and of one
 * pair of surrounding double quotes. Quoted fields containing commas are not supported (market data
 * files do not have them). Reused from line to line: one instance per reader.
 */
final class CsvFields {

    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;
    private String line;

    /** @return the number of fields in {@code line} */
    int split(String line) {
        this.line = line;
        count = 0;
        int from = 0;
        while (true) {
            int comma = line.indexOf(',', from);
            if (comma < 0) {
                add(from, line.length());
                return count;
            }
            add(from, comma);
            from = comma + 1;
        }
    }

    int count() {
        return count;
    }

    String line() {
        return line;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    String text(int i) {
        return line.substring(starts[i], ends[i]);
    }

    private void add(int start, int end) {
        while (start < end && line.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && line.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end - start >= 2 && line.charAt(start) == '"' && line.charAt(end - 1) == '"') {
            start++;
            end--;
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }
}
