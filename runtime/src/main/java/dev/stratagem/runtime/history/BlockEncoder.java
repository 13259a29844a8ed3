package dev.stratagem.runtime.history;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RationaleValues;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.CycleStep;
import dev.stratagem.runtime.portfolio.DecimalDoubles;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a block's records in the binary form {@link BlockDecoder} reads (see {@link CycleBlockCodec} for the
 * format). Every record component is written, in declaration order; {@link BlockDecoder} rebuilds each record through
 * its canonical constructor, so a component added to a plugin-API record fails the build there until the format
 * carries it.
 *
 * <p>A block is encoded whole ({@link #encode}) or a record at a time ({@link #start}, {@link #add} as each cycle
 * is taken, {@link #finish}): {@link BlockRecorder}'s writer thread encodes the records the replay hands it, 512 at a
 * time. Reusable, one block at a time: {@link #start} begins the block's string table afresh
 * and keeps the buffer and the table's arrays, so an encoder writing block after block allocates little beyond the
 * payloads it returns (growing a fresh 64 KiB buffer to a 300 KiB block and copying it was 60% of the bytes the
 * history writer allocated). Not thread-safe.
 */
final class BlockEncoder {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final CycleStep[] STEPS = CycleStep.values();

    /** Bytes kept free at the buffer's start for the record count, a varint written once the block is done. */
    private static final int COUNT_ROOM = 5;

    private byte[] buf = new byte[64 * 1024];
    private int pos = COUNT_ROOM;
    private int count;
    /** The block's string table: open addressing on {@link String#hashCode}, a slot holds 1 + the string's index. */
    private int[] slots = new int[1024];
    private String[] strings = new String[512];
    /**
     * Each string's hash code, compared before {@code equals}: a run's new strings (compose ids, rationales) share
     * long prefixes and lengths, and a probe that met one compared them byte by byte.
     */
    private int[] hashes = new int[512];
    private int stringCount;
    /** The last versions list written with references only, and where its bytes are. */
    private List<ComponentVersion> lastVersions;
    private int lastVersionsStart;
    private int lastVersionsEnd;
    /** The block's last double (its bits) and last portfolio: written again, they take a byte. */
    private long lastReal;
    private boolean anyReal;
    private PortfolioView lastPortfolio;
    /** What format 3 writes again as a reference (see {@link CycleBlockCodec}). */
    private Constraints lastConstraints;
    private List<String> lastNames;
    /** The last digest entry list written (format 4 writes it again as a count of -1). */
    private List<TradeDigestEntry> lastEntries;
    private CycleBlockCodec.VerdictTemplate verdictTemplate;
    /** The block's recent doubles (their bits) and which slots hold one, a bit a slot. */
    private final long[] recent = new long[CycleBlockCodec.RECENT_SLOTS];
    private int recentHeld;
    private final long[] recentBefore = new long[CycleBlockCodec.RECENT_SLOTS];
    /** The record's time: format 3 writes the other times of the record as their difference from it. */
    private long recordTs;
    /**
     * Rationale patterns whose slots were counted, and their counts, replaced in turn: a composer that keeps its
     * patterns alternates a few of them (a decision's, then its fill's), each counted once.
     */
    private final String[] checkedPatterns = new String[8];
    private final int[] checkedSlots = new int[8];
    private int nextChecked;
    /** A rationale's numbers, read before any is written. */
    private double[] rationaleValues = new double[8];
    private int rationaleCount;
    /** The table index of the last record's run id: compose and instruction ids start with it. */
    private int runIndex;

    /** @return the payload of a block of these records */
    byte[] encode(List<CycleRecord> records) {
        start();
        for (int i = 0; i < records.size(); i++) {
            add(records.get(i));
        }
        return finish();
    }

    /** Starts a block: a fresh string table, the buffer kept. */
    void start() {
        pos = COUNT_ROOM;
        count = 0;
        Arrays.fill(slots, 0);
        Arrays.fill(strings, 0, stringCount, null);
        stringCount = 0;
        runIndex = -1;
        lastVersions = null;
        anyReal = false;
        lastPortfolio = null;
        lastConstraints = null;
        lastNames = null;
        lastEntries = null;
        verdictTemplate = null;
        recentHeld = 0;
    }

    /**
     * Appends a record to the block. If reading the record throws, the block is as it was before the call.
     *
     * @param r the record
     */
    void add(CycleRecord r) {
        int startPos = pos;
        int startStrings = stringCount;
        int startRun = runIndex;
        List<ComponentVersion> startVersions = lastVersions;
        int startVersionsStart = lastVersionsStart;
        int startVersionsEnd = lastVersionsEnd;
        long startReal = lastReal;
        boolean startAnyReal = anyReal;
        PortfolioView startPortfolio = lastPortfolio;
        Constraints startConstraints = lastConstraints;
        List<String> startNames = lastNames;
        List<TradeDigestEntry> startEntries = lastEntries;
        CycleBlockCodec.VerdictTemplate startTemplate = verdictTemplate;
        int startRecentHeld = recentHeld;
        System.arraycopy(recent, 0, recentBefore, 0, recent.length);
        try {
            record(r);
            count++;
        } catch (RuntimeException | Error e) {
            pos = startPos;
            runIndex = startRun;
            lastVersions = startVersions;
            lastVersionsStart = startVersionsStart;
            lastVersionsEnd = startVersionsEnd;
            lastReal = startReal;
            anyReal = startAnyReal;
            lastPortfolio = startPortfolio;
            lastConstraints = startConstraints;
            lastNames = startNames;
            lastEntries = startEntries;
            verdictTemplate = startTemplate;
            recentHeld = startRecentHeld;
            System.arraycopy(recentBefore, 0, recent, 0, recent.length);
            if (stringCount != startStrings) {
                Arrays.fill(strings, startStrings, stringCount, null);
                stringCount = startStrings;
                Arrays.fill(slots, 0);
                rehash(slots.length);
            }
            throw e;
        }
    }

    /** @return the records added since {@link #start()} */
    int count() {
        return count;
    }

    /** @return the payload of the records added since {@link #start()}: their count, then the records */
    byte[] finish() {
        int end = pos;
        pos = 0;
        varint(count);
        int head = pos;
        byte[] payload = new byte[head + end - COUNT_ROOM];
        System.arraycopy(buf, 0, payload, 0, head);
        System.arraycopy(buf, COUNT_ROOM, payload, head, end - COUNT_ROOM);
        pos = end;
        return payload;
    }

    private void record(CycleRecord r) {
        string(r.composeId());
        runIndex = string(r.runId());
        string(r.strategyId());
        varlong(r.sequence());
        varlong(r.ts());
        recordTs = r.ts();
        string(r.status().name());
        versions(r.versions());
        context(r.context());
        decision(r.decision());
        verdicts(r.verdicts());
        List<TxResult> txResults = r.txResults();
        varint(txResults.size());
        for (int i = 0; i < txResults.size(); i++) {
            TxResult t = txResults.get(i);
            string(t.instructionId());
            string(t.symbol());
            string(t.side().name());
            string(t.status().name());
            real(t.filledQuantity());
            real(t.fillPrice());
            real(t.fee());
            time(t.ts());
            string(t.reason());
        }
        List<TradeHistoryEntry> closed = r.closedTrades();
        varint(closed.size());
        for (int i = 0; i < closed.size(); i++) {
            trade(closed.get(i));
        }
        portfolio(r.portfolioAfter());
        timings(r.timings());
        if (writePresence(r.error())) {
            string(r.error().step().name());
            string(r.error().reason());
            string(r.error().exceptionType());
        }
    }

    /**
     * A run's records share one versions list until a version changes: once its strings are in the table, it is the
     * same bytes every time, copied instead of looked up string by string (fifteen lookups a record with three
     * components).
     */
    private void versions(List<ComponentVersion> versions) {
        if (versions == lastVersions) {
            int length = lastVersionsEnd - lastVersionsStart;
            room(length);
            System.arraycopy(buf, lastVersionsStart, buf, pos, length);
            pos += length;
            return;
        }
        int start = pos;
        int known = stringCount;
        varint(versions.size());
        for (int i = 0; i < versions.size(); i++) {
            ComponentVersion v = versions.get(i);
            string(v.role());
            string(v.componentId());
            string(v.source());
            string(v.version());
            string(v.sha256());
        }
        if (stringCount == known) { // only references: the bytes mean the same wherever they are in the block
            lastVersions = versions;
            lastVersionsStart = start;
            lastVersionsEnd = pos;
        }
    }

    /**
     * The count, then, if there are any, {@code 1} and the instruction id and quantity if they fit the block's
     * template, else {@code 0} and every verdict.
     */
    private void verdicts(List<GuardrailVerdict> verdicts) {
        varint(verdicts.size());
        if (verdicts.isEmpty()) {
            return;
        }
        if (verdictTemplate != null && verdictTemplate.fits(verdicts)) {
            flag(true);
            string(verdicts.getFirst().instructionId());
            real(verdicts.getFirst().quantityBefore());
            return;
        }
        flag(false);
        for (int i = 0; i < verdicts.size(); i++) {
            GuardrailVerdict v = verdicts.get(i);
            string(v.instructionId());
            string(v.check());
            string(v.outcome().name());
            real(v.quantityBefore());
            real(v.quantityAfter());
            string(v.reason());
        }
        if (CycleBlockCodec.uniform(verdicts)) {
            verdictTemplate = new CycleBlockCodec.VerdictTemplate(verdicts);
        }
    }

    private void context(ComposeContext c) {
        if (!writePresence(c)) {
            return;
        }
        time(c.ts());
        string(c.composeId());
        string(c.strategyId());
        List<FeatureVector> features = c.features();
        varint(features.size());
        for (int k = 0; k < features.size(); k++) {
            FeatureVector f = features.get(k);
            string(f.symbol());
            time(f.ts());
            List<String> names = f.names();
            varint(names.size());
            if (names == lastNames || names.equals(lastNames)) {
                flag(true);
                for (int i = 0; i < names.size(); i++) {
                    real(f.value(i));
                }
                continue;
            }
            flag(false);
            for (int i = 0; i < names.size(); i++) {
                string(names.get(i));
                real(f.value(i));
            }
            lastNames = names;
        }
        portfolio(c.portfolio());
        TradeDigest d = c.digest();
        if (writePresence(d)) {
            time(d.ts());
            List<TradeDigestEntry> entries = d.entries();
            if (!entries.isEmpty() && (entries == lastEntries || entries.equals(lastEntries))) {
                varint(-1);   // the block's last list again: it changes only when a trade closes
            } else {
                lastEntries = entries;
                varint(entries.size());
                for (int i = 0; i < entries.size(); i++) {
                    TradeDigestEntry e = entries.get(i);
                    string(e.symbol());
                    varlong(e.tradeCount());
                    real(e.realizedPnl());
                    real(e.winRate());
                    varlong(e.averageHoldingMillis());
                    time(e.lastTradeTs());
                }
            }
            real(d.sharpe());
        }
        string(c.mode() == null ? null : c.mode().name());
    }

    private void decision(ComposeResult d) {
        if (!writePresence(d)) {
            return;
        }
        List<TradeInstruction> instructions = d.instructions();
        varint(instructions.size());
        for (int k = 0; k < instructions.size(); k++) {
            TradeInstruction i = instructions.get(k);
            string(i.id());
            string(i.symbol());
            string(i.side().name());
            real(i.quantity());
            string(i.type().name());
            real(i.limitPrice());
            flag(i.reduceOnly());
        }
        rationale(d);
    }

    /**
     * {@code 1}, the pattern and its numbers, for a rationale given as {@link RationaleValues}; else, or if those do
     * not agree (a pattern whose slots are not its count, a value that throws), {@code 0} and the text.
     */
    private void rationale(ComposeResult d) {
        RationaleValues v = d.values();
        String pattern = v == null ? null : valuesOf(v);
        if (pattern == null) {
            flag(false);
            string(d.rationale());
            return;
        }
        flag(true);
        string(pattern);
        varint(rationaleCount);
        for (int i = 0; i < rationaleCount; i++) {
            real(rationaleValues[i]);
        }
    }

    /** @return the slots of a pattern, counted once while it stays among the last few checked */
    private int slots(String pattern) {
        for (int i = 0; i < checkedPatterns.length; i++) {
            if (checkedPatterns[i] == pattern) {
                return checkedSlots[i];
            }
        }
        int slots = RationaleValues.slots(pattern);
        checkedPatterns[nextChecked] = pattern;
        checkedSlots[nextChecked] = slots;
        nextChecked = (nextChecked + 1) % checkedPatterns.length;
        return slots;
    }

    /** @return the pattern, its numbers read into {@link #rationaleValues}; {@code null} if they do not agree */
    private String valuesOf(RationaleValues v) {
        try {
            String pattern = v.pattern();
            int count = v.count();
            if (pattern == null || count < 0) {
                return null;
            }
            if (slots(pattern) != count) {
                return null;
            }
            if (rationaleValues.length < count) {
                rationaleValues = new double[count];
            }
            for (int i = 0; i < count; i++) {
                rationaleValues[i] = v.value(i);
            }
            rationaleCount = count;
            return pattern;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // the text says what went wrong (a LinkageError too: a class of an unloaded plugin version), as
            // ComposeResult.rationale does for a lazy text that throws
            return null;
        }
    }

    /** Presence {@code 0} (null), {@code 2} (the block's last portfolio again) or {@code 1} and the portfolio. */
    private void portfolio(PortfolioView p) {
        if (p != null && p == lastPortfolio) {
            room(1);
            buf[pos++] = 2;
            return;
        }
        if (!writePresence(p)) {
            return;
        }
        lastPortfolio = p;
        time(p.ts());
        real(p.cash());
        real(p.equity());
        real(p.grossExposure());
        real(p.netExposure());
        real(p.realizedPnl());
        real(p.fees());
        List<PositionSnapshot> positions = p.positions();
        varint(positions.size());
        for (int i = 0; i < positions.size(); i++) {
            PositionSnapshot s = positions.get(i);
            string(s.symbol());
            real(s.quantity());
            real(s.averagePrice());
            real(s.markPrice());
            real(s.unrealizedPnl());
            time(s.openedAt());
        }
        Constraints c = p.constraints();
        if (c != null && (c == lastConstraints || c.equals(lastConstraints))) {
            room(1);
            buf[pos++] = 2;
        } else if (writePresence(c)) {
            lastConstraints = c;
            real(c.maxPositionQuantity());
            real(c.maxPositionNotional());
            real(c.maxOrderNotional());
            real(c.maxLeverage());
            varlong(c.maxOpenPositions());
            flag(c.allowShort());
        }
    }

    private void trade(TradeHistoryEntry t) {
        string(t.tradeId());
        string(t.symbol());
        real(t.quantity());
        time(t.entryTs());
        real(t.entryPrice());
        time(t.exitTs());
        real(t.exitPrice());
        real(t.realizedPnl());
        real(t.fees());
        string(t.entryInstructionId());
        string(t.exitInstructionId());
    }

    /** Step by step ({@code nanos()} would copy the array); a cycle that was not timed is a count of 0. */
    private void timings(StageTimings t) {
        if (!t.timed()) {
            varint(0);
            return;
        }
        varint(STEPS.length);
        for (CycleStep step : STEPS) {
            varlong(t.of(step));
        }
    }

    /** Writes whether the value is there and returns it: the caller then writes the value. */
    private boolean writePresence(Object value) {
        flag(value != null);
        return value != null;
    }

    private void flag(boolean b) {
        room(1);
        buf[pos++] = (byte) (b ? 1 : 0);
    }

    /**
     * {@code 0} for null; a string new to the block as {@code 1} and its UTF-8 bytes, or, if it holds a surrogate
     * (which UTF-8 would turn into {@code ?} when unpaired), {@code 2} and its UTF-16 code units, or, if it is the
     * run id followed by ASCII ({@code <run>-3112}, {@code <run>-3112-1}), {@code 3}, the run id's index and the
     * rest; else {@code 4 + index} of its first occurrence.
     *
     * @return the string's index in the block's table, -1 for null
     */
    private int string(String s) {
        if (s == null) {
            varint(0);
            return -1;
        }
        int hash = s.hashCode();
        int mask = slots.length - 1;
        int slot = slot(hash, mask);
        for (int held; (held = slots[slot]) != 0; slot = (slot + 1) & mask) {
            if (hashes[held - 1] == hash && strings[held - 1].equals(s)) {
                varint(4 + held - 1);
                return held - 1;
            }
        }
        add(s, hash, slot);
        if (!runSuffix(s) && !ascii(s)) {
            nonAscii(s);
        }
        return stringCount - 1;
    }

    /**
     * Writes {@code 3}, the run id's index and the rest as bytes when the string is the run id followed by ASCII.
     *
     * @return whether it was and is written
     */
    private boolean runSuffix(String s) {
        if (runIndex < 0) {
            return false;
        }
        String run = strings[runIndex];
        if (s.length() <= run.length() || !s.startsWith(run)) {
            return false;
        }
        int start = pos;
        varint(3);
        varint(runIndex);
        return asciiFrom(s, run.length(), start);
    }

    /**
     * Fibonacci hashing: consecutive hash codes (compose ids {@code <run>-91}, {@code <run>-92}, ...) land far apart
     * instead of in one cluster that every probe would walk.
     */
    private static int slot(int hash, int mask) {
        return (hash * 0x9E3779B9 >>> 16) & mask;
    }

    private void add(String s, int hash, int slot) {
        if (stringCount == strings.length) {
            strings = Arrays.copyOf(strings, stringCount * 2);
            hashes = Arrays.copyOf(hashes, stringCount * 2);
        }
        hashes[stringCount] = hash;
        strings[stringCount++] = s;
        slots[slot] = stringCount;
        if (stringCount * 2 > slots.length) {
            rehash(slots.length * 2);
        }
    }

    /** Rebuilds the slots of the table's strings, in a table of {@code size} slots. */
    private void rehash(int size) {
        if (size != slots.length) {
            slots = new int[size];
        }
        int mask = slots.length - 1;
        for (int i = 0; i < stringCount; i++) {
            int slot = slot(hashes[i], mask);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    /**
     * Writes {@code 1}, the length and the characters as bytes while they are ASCII (the common case, where UTF-8 is
     * one byte a char); at the first that is not, takes it all back.
     *
     * @return whether the string was ASCII and is written
     */
    private boolean ascii(String s) {
        int start = pos;
        varint(1);
        return asciiFrom(s, 0, start);
    }

    /**
     * Writes the length and the characters of {@code s} from {@code from} on as bytes while they are ASCII; at the
     * first that is not, goes back to {@code start}.
     *
     * @return whether they were ASCII and are written
     */
    private boolean asciiFrom(String s, int from, int start) {
        int end = s.length();
        varint(end - from);
        room(end - from);
        byte[] b = buf;
        int p = pos;
        for (int i = from; i < end; i++) {   // locals: the field is written once, not a char at a time
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = start;
                return false;
            }
            b[p++] = (byte) c;
        }
        pos = p;
        return true;
    }

    private void nonAscii(String s) {
        if (hasSurrogate(s)) {
            varint(2);
            varint(s.length());
            room(2 * s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                buf[pos++] = (byte) (c >>> 8);
                buf[pos++] = (byte) c;
            }
            return;
        }
        varint(1);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        room(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A tag and the value ({@link CycleBlockCodec}): the double's bits come back, NaN, infinities and -0.0 too. */
    private void real(double d) {
        long bits = Double.doubleToRawLongBits(d);
        room(11);
        if (anyReal && bits == lastReal) {
            buf[pos++] = CycleBlockCodec.REAL_REPEAT;
            return;
        }
        anyReal = true;
        lastReal = bits;
        int slot = CycleBlockCodec.recentSlot(bits);
        if ((recentHeld & 1 << slot) != 0 && recent[slot] == bits) {
            buf[pos++] = (byte) (CycleBlockCodec.REAL_RECENT + slot);
            return;
        }
        recent[slot] = bits;
        recentHeld |= 1 << slot;
        int decimals = Double.isFinite(d) ? decimals(d) : -1; // an infinity would try every scale
        if (decimals >= 0) {
            buf[pos++] = (byte) decimals;
            varlong(DecimalDoubles.exactUnscaled(d, decimals));
        } else if (bits == Double.doubleToRawLongBits(Double.POSITIVE_INFINITY)) {
            buf[pos++] = CycleBlockCodec.REAL_POS_INF;
        } else if (bits == Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY)) {
            buf[pos++] = CycleBlockCodec.REAL_NEG_INF;
        } else if (bits == Double.doubleToRawLongBits(Double.NaN)) {
            buf[pos++] = CycleBlockCodec.REAL_NAN;
        } else {
            buf[pos++] = CycleBlockCodec.REAL_RAW;
            LONG_BE.set(buf, pos, bits);
            pos += 8;
        }
    }

    /**
     * @return the fewest decimals {@code k} for which {@code round(d * 10^k) / 10^k} gives back exactly these bits
     *     (what {@link BlockDecoder} computes), or -1 (NaN, infinities, -0.0, an unscaled value of 2^53 or more)
     */
    static int decimals(double d) {
        return DecimalDoubles.fewestDecimals(d, 0, CycleBlockCodec.REAL_MAX_DECIMALS);
    }

    /** A time of the record as its difference from the record's own time: mostly 0, one byte. */
    private void time(long t) {
        varlong(t - recordTs);
    }

    private void varint(int v) {
        varlong(v);
    }

    /** Zig-zag, then seven bits a byte: small magnitudes of either sign take few bytes. */
    private void varlong(long v) {
        room(10);
        byte[] b = buf;
        int p = pos;
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            b[p++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        b[p++] = (byte) z;
        pos = p;
    }

    private void room(int bytes) {
        if (pos + bytes > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + bytes));
        }
    }
}
