package dev.stratagem.runtime.marketdata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Turns the date and time texts of a row into epoch milliseconds, by hand: no regex, no formatter, no
 * exception on bad input (a sentinel instead, so skipping a million bad rows stays cheap).
 *
 * <p>Accepted: a date {@code yyyy-MM-dd}; a time {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.fraction};
 * a date-time {@code yyyy-MM-dd HH:mm[:ss[.fraction]]} or the same with {@code T}, optionally ending in
 * {@code Z} or an offset ({@code +HH:mm}, {@code +HHmm}, {@code +HH}). A date alone is a daily bar: UTC
 * midnight of that date whatever the zone. A time of day without an offset is local time in the zone.
 */
final class CsvTimestampParser {

    /** Returned for text that is not a timestamp. */
    static final long INVALID = Long.MIN_VALUE;
    static final long MILLIS_PER_DAY = 86_400_000L;

    private final ZoneRules rules;
    private final long fixedOffsetMillis;
    private final boolean fixed;

    CsvTimestampParser(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffsetMillis = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : 0;
    }

    /** @return the epoch day of a {@code yyyy-MM-dd} text, or {@link #INVALID} */
    static long epochDay(CharSequence s, int from, int to) {
        if (to - from != 10 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
            return INVALID;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return INVALID;
        }
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        int monthDays = switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day > monthDays ? INVALID : daysFromCivil(year, month, day);
    }

    /**
     * The proleptic Gregorian epoch day of a valid date, without allocating (H. Hinnant's days_from_civil;
     * equal to {@code LocalDate.of(year, month, day).toEpochDay()}, checked in the tests).
     */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** @return the millisecond of the day of {@code HH:mm[:ss[.fraction]]}, or -1 */
    static int millisOfDay(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 5 || s.charAt(from + 2) != ':') {
            return -1;
        }
        int hour = digits(s, from, 2);
        int minute = digits(s, from + 3, 2);
        int second = 0;
        int millis = 0;
        if (len > 5) {
            if (len < 8 || s.charAt(from + 5) != ':') {
                return -1;
            }
            second = digits(s, from + 6, 2);
            if (len > 8) {
                if (len < 10 || s.charAt(from + 8) != '.') {
                    return -1;
                }
                int scale = 100;
                for (int i = from + 9; i < to; i++) {
                    int d = s.charAt(i) - '0';
                    if (d < 0 || d > 9) {
                        return -1;
                    }
                    millis += d * scale;
                    scale /= 10;
                }
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return -1;
        }
        return ((hour * 60 + minute) * 60 + second) * 1000 + millis;
    }

    /** @return epoch millis of a local date and time of day in this parser's zone */
    long local(long epochDay, int millisOfDay) {
        long naive = epochDay * MILLIS_PER_DAY + millisOfDay;
        if (fixed) {
            return naive - fixedOffsetMillis;
        }
        var ldt = LocalDateTime.of(LocalDate.ofEpochDay(epochDay), LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L));
        return naive - rules.getOffset(ldt).getTotalSeconds() * 1000L;
    }

    /**
     * @return epoch millis of a date (UTC midnight) or a date-time (local in the zone unless it carries an
     *     offset), or {@link #INVALID}
     */
    long dateOrDateTime(CharSequence s, int from, int to) {
        long day = epochDay(s, from, Math.min(to, from + 10));
        if (day == INVALID) {
            return INVALID;
        }
        if (to - from == 10) {
            return day * MILLIS_PER_DAY;
        }
        char sep = s.charAt(from + 10);
        if (sep != ' ' && sep != 'T') {
            return INVALID;
        }
        int timeFrom = from + 11;
        int timeTo = timeFrom;
        while (timeTo < to && s.charAt(timeTo) != 'Z' && s.charAt(timeTo) != '+' && s.charAt(timeTo) != '-') {
            timeTo++;
        }
        int tod = millisOfDay(s, timeFrom, timeTo);
        if (tod < 0) {
            return INVALID;
        }
        if (timeTo == to) {
            return local(day, tod);
        }
        long offsetSeconds = offsetSeconds(s, timeTo, to);
        return offsetSeconds == INVALID ? INVALID : day * MILLIS_PER_DAY + tod - offsetSeconds * 1000L;
    }

    private static long offsetSeconds(CharSequence s, int from, int to) {
        char sign = s.charAt(from);
        if (sign == 'Z') {
            return to - from == 1 ? 0 : INVALID;
        }
        int len = to - from;
        int hours = len >= 3 ? digits(s, from + 1, 2) : -1;
        int minutes = switch (len) {
            case 3 -> 0;
            case 5 -> digits(s, from + 3, 2);
            case 6 -> s.charAt(from + 3) == ':' ? digits(s, from + 4, 2) : -1;
            default -> -1;
        };
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return INVALID;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** @return the value of {@code n} ASCII digits, or -1 */
    private static int digits(CharSequence s, int from, int n) {
        int value = 0;
        for (int i = from; i < from + n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
