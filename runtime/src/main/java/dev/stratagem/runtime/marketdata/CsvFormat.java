package dev.stratagem.runtime.marketdata;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to read OHLCV bars from a CSV file with a header line: which column holds each {@link Role}, and the
 * zone in which times of day are read.
 *
 * <p>A column is given by its header name (matched case-insensitively, trimmed) or by its 0-based index
 * (a spec of only digits). {@code date}, {@code open}, {@code high}, {@code low} and {@code close} are
 * required; without {@code volume} the volume is 0; without {@code time} the date column holds either a
 * date ({@code yyyy-MM-dd}: a daily bar, UTC midnight of that date) or a date-time
 * ({@code yyyy-MM-dd HH:mm[:ss]} or ISO with {@code T}, optionally with {@code Z} or an offset). With
 * {@code time} ({@code HH:mm[:ss]}) the date column holds a plain date. Times without an offset are local
 * time in {@link #zone()} (UTC unless set). Fields are comma-separated; a pair of surrounding double quotes
 * is removed; quoted commas are not supported.
 *
 * @param name a label for messages and run records: {@code yahoo}, {@code detected}, {@code mapping}, ...
 * @param columns role to column spec (header name or 0-based index)
 * @param zone the zone of times of day that carry no offset
 */
public record CsvFormat(String name, Map<Role, String> columns, ZoneId zone) {

    /** What a column holds. */
    public enum Role {
        DATE, TIME, OPEN, HIGH, LOW, CLOSE, VOLUME;

        /** @return the lower-case key used in mapping specs: {@code date}, {@code time}, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Role ofKey(String key) {
            for (Role role : values()) {
                if (role.key().equalsIgnoreCase(key.trim())) {
                    return role;
                }
            }
            throw new IllegalArgumentException("unknown column role '" + key.trim()
                    + "': expected one of date, time, open, high, low, close, volume");
        }
    }

    private static final List<Role> REQUIRED = List.of(Role.DATE, Role.OPEN, Role.HIGH, Role.LOW, Role.CLOSE);

    /** Checks the required roles are mapped and the specs are not blank; trims and copies the map. */
    public CsvFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(zone, "zone");
        var copy = new EnumMap<Role, String>(Role.class);
        columns.forEach((role, spec) -> {
            Objects.requireNonNull(role, "role");
            if (spec == null || spec.isBlank()) {
                throw new IllegalArgumentException("column for '" + role.key() + "' is blank");
            }
            if (spec.trim().startsWith("-") && isIndex(spec.trim().substring(1))) {
                throw new IllegalArgumentException("column index for '" + role.key() + "' is negative: " + spec.trim());
            }
            copy.put(role, spec.trim());
        });
        List<String> missing = new ArrayList<>();
        for (Role role : REQUIRED) {
            if (!copy.containsKey(role)) {
                missing.add(role.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no column mapped for " + String.join(", ", missing));
        }
        columns = Collections.unmodifiableMap(copy);
    }

    /**
     * Yahoo Finance daily history: {@code Date,Open,High,Low,Close,Adj Close,Volume}. The raw Open, High,
     * Low and Close are used; {@code Adj Close} is ignored (mixing it with raw High/Low would give bars
     * whose close lies outside their range).
     */
    public static CsvFormat yahoo() {
        return new CsvFormat("yahoo", Map.of(Role.DATE, "Date", Role.OPEN, "Open", Role.HIGH, "High",
                Role.LOW, "Low", Role.CLOSE, "Close", Role.VOLUME, "Volume"), ZoneOffset.UTC);
    }

    /**
     * @param columns role key ({@code date}, {@code time}, {@code open}, {@code high}, {@code low},
     *     {@code close}, {@code volume}; any case) to header name or 0-based index
     * @param zone the zone of times of day without an offset
     * @throws IllegalArgumentException naming an unknown role or a missing required one
     */
    public static CsvFormat generic(Map<String, String> columns, ZoneId zone) {
        var roles = new EnumMap<Role, String>(Role.class);
        columns.forEach((key, spec) -> {
            if (roles.put(Role.ofKey(key), spec) != null) {
                throw new IllegalArgumentException("column role '" + key.trim() + "' is mapped twice");
            }
        });
        return new CsvFormat("mapping", roles, zone);
    }

    /**
     * Parses a mapping flag such as {@code date=Date,time=Time,open=Open,high=High,low=Low,close=Close,volume=Volume}
     * or {@code date=0,time=1,open=2,high=3,low=4,close=5,volume=6}, optionally with
     * {@code zone=America/New_York} (default UTC).
     *
     * @throws IllegalArgumentException naming the bad entry, role or zone
     */
    public static CsvFormat parseMapping(String spec) {
        Objects.requireNonNull(spec, "spec");
        var columns = new LinkedHashMap<String, String>();
        ZoneId zone = ZoneOffset.UTC;
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("mapping entry '" + entry.trim() + "' is not role=column");
            }
            String key = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (key.equalsIgnoreCase("zone")) {
                try {
                    zone = ZoneId.of(value);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("mapping zone '" + value + "' is not a time zone", e);
                }
            } else if (columns.put(key.toLowerCase(Locale.ROOT), value) != null) {
                throw new IllegalArgumentException("column role '" + key + "' is mapped twice");
            }
        }
        return generic(columns, zone);
    }

    /**
     * Detects the format from the header and the first data row: Yahoo, or columns named
     * {@code Date}/{@code DateTime}/{@code Timestamp}, {@code Time}, {@code Open}, {@code High}, {@code Low},
     * {@code Close}/{@code Last}, {@code Volume}/{@code Vol} (any case; other columns ignored), including
     * the inserted-time rule described on {@link CsvPreamble}. Times are read in UTC; see
     * {@link #withZone}.
     *
     * @throws MarketDataException if the file is empty, unreadable or a required column is not found
     */
    public static CsvFormat detect(Path file) {
        return CsvFormatDetector.detect(file);
    }

    /** @return this format reading times of day in {@code zone} */
    public CsvFormat withZone(ZoneId zone) {
        return new CsvFormat(name, columns, zone);
    }

    /** @return the mapping in {@link #parseMapping} syntax, e.g. {@code date=Date,open=Open,...,zone=Z} */
    public String toSpec() {
        var sb = new StringBuilder();
        columns.forEach((role, spec) -> sb.append(role.key()).append('=').append(spec).append(','));
        return sb.append("zone=").append(zone.getId()).toString();
    }

    static boolean isIndex(String spec) {
        if (spec.isEmpty() || spec.length() > 9) {
            return false;
        }
        for (int i = 0; i < spec.length(); i++) {
            if (spec.charAt(i) < '0' || spec.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
