package dev.stratagem.runtime.marketdata;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The last few CSV files a backtest parsed, kept for the next backtest on the same file: repeated backtests in one
 * process (a parameter search, backtests started from the console, the benchmark's warm runs) parse a file once.
 * A file is parsed again when its size, modification time or file key (inode) changed since. Held softly, so the
 * collector takes them back before memory runs out.
 *
 * <p>Besides the parse, it spares the collector: a million bars are 48 MB of columns, and parsed afresh for each
 * backtest they were young objects that the first collection during the replay copied (20-40 ms a replay in the
 * bench). Kept, they age once and stay put.
 */
public final class CandleSeriesCache {

    private static final int FILES = 8;

    private record Key(Path file, String symbol, CsvFormat format, boolean skipBadRows) {}

    private record Stamp(long size, FileTime modified, Object fileKey) {}

    private record Kept(Stamp stamp, SoftReference<CandleSeries> series) {}

    private static final Map<Key, Kept> ENTRIES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Kept> eldest) {
            return size() > FILES;
        }
    };

    private CandleSeriesCache() {}

    /**
     * As {@link CsvCandleReader#read(Path, String, CsvFormat, boolean)}, from the cache when the file is unchanged.
     *
     * @throws MarketDataException as the reader does (a failed read is not kept)
     */
    public static CandleSeries read(Path file, String symbol, CsvFormat format, boolean skipBadRows) {
        Key key = new Key(file.toAbsolutePath().normalize(), symbol, format, skipBadRows);
        Stamp stamp = stamp(file);
        if (stamp != null) {
            CandleSeries kept = kept(key, stamp);
            if (kept != null) {
                return kept;
            }
        }
        CandleSeries series = CsvCandleReader.read(file, symbol, format, skipBadRows);
        // stamped before the read: a file changed while it was read is stamped as it was and parsed again next time
        if (stamp != null) {
            synchronized (ENTRIES) {
                ENTRIES.put(key, new Kept(stamp, new SoftReference<>(series)));
            }
        }
        return series;
    }

    /** Forgets every file (tests). */
    static void clear() {
        synchronized (ENTRIES) {
            ENTRIES.clear();
        }
    }

    private static CandleSeries kept(Key key, Stamp stamp) {
        synchronized (ENTRIES) {
            Kept entry = ENTRIES.get(key);
            if (entry == null || !entry.stamp().equals(stamp)) {
                return null;
            }
            CandleSeries series = entry.series().get();
            if (series == null) {
                ENTRIES.remove(key);
            }
            return series;
        }
    }

    /** @return the file's size, time and key, or null if they cannot be read (the reader then says why) */
    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime(), Objects.requireNonNullElse(a.fileKey(), file));
        } catch (IOException e) {
            return null;
        }
    }
}
