package dev.stratagem.runtime.marketdata;

import java.util.Arrays;

/**
 * Splits one CSV line on commas without copying: the offsets of each field, trimmed of spaces and of one
 * pair of surrounding double quotes. A comma inside a quoted field is part of it ({@code "1,234.5"} is one field,
 * which then names itself as not a number instead of shifting every field after it); a doubled quote inside one is
 * not unescaped. Reused from line to line: one instance per reader.
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
            int comma = line.indexOf(',', quoteEnd(line, from));
            if (comma < 0) {
                add(from, line.length());
                return count;
            }
            add(from, comma);
            from = comma + 1;
        }
    }

    /** @return where a field starting at {@code from} can end: after its closing quote if it is quoted */
    private static int quoteEnd(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i < line.length() && line.charAt(i) == '"') {
            int close = line.indexOf('"', i + 1);
            return close < 0 ? from : close + 1;
        }
        return from;
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
