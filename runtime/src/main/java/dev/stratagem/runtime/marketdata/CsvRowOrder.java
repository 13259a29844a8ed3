package dev.stratagem.runtime.marketdata;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Which rows of a file read out of time order to leave out: the fewest, so that the rest are in strictly increasing
 * time order (a longest increasing subsequence). One misplaced row, a year ahead of its neighbours say, costs that
 * row alone and is the one named, not the rows after it that are in order. Where two choices leave out as many rows,
 * the earlier rows stay (a repeated timestamp keeps its first row, as reading in order does).
 */
final class CsvRowOrder {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private CsvRowOrder() {}

    /**
     * @param ts the rows' timestamps in file order
     * @param n how many of {@code ts} are rows
     * @return per row, whether it stays
     */
    static boolean[] kept(long[] ts, int n) {
        // scanned from the end for decreasing times, so that among equally long choices the earliest rows stay
        int[] tails = new int[n];
        int[] next = new int[n];
        int length = 0;
        for (int i = n - 1; i >= 0; i--) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ts[tails[mid]] > ts[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            next[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            length = Math.max(length, lo + 1);
        }
        boolean[] kept = new boolean[n];
        for (int i = length == 0 ? -1 : tails[length - 1]; i >= 0; i = next[i]) {
            kept[i] = true;
        }
        return kept;
    }

    /**
     * @param i a row left out
     * @param lines each row's line number
     * @param dates whether the file's times are dates (no time of day in any row): they print as dates
     * @return why: which kept row it repeats, precedes or follows (one of them must, or it would have stayed)
     */
    static String reason(long[] ts, int[] lines, boolean[] kept, int n, int i, ZoneId zone, boolean dates) {
        int before = i - 1;
        while (before >= 0 && !kept[before]) {
            before--;
        }
        String at = text(ts[i], zone, dates);
        if (before >= 0 && ts[i] <= ts[before]) {
            return at + (ts[i] == ts[before] ? " repeats the timestamp of line " + lines[before]
                    : " is before line " + lines[before] + " (" + text(ts[before], zone, dates) + ")");
        }
        int after = i + 1;
        while (after < n && !kept[after]) {
            after++;
        }
        return at + (ts[i] == ts[after] ? " repeats the timestamp of line " : " is after line ") + lines[after]
                + " (" + text(ts[after], zone, dates) + "), which follows it";
    }

    /** @return a row's time as read: a date (UTC midnight) in a file of dates, else the date and time in the zone */
    static String text(long ts, ZoneId zone, boolean dates) {
        if (dates) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC).toLocalDate().toString();
        }
        return DATE_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(ts), zone));
    }
}
