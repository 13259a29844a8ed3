package dev.stratagem.runtime.history;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleError;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RationaleValues;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.Side;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import dev.stratagem.api.VerdictOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads what {@link BlockEncoder} wrote, field for field in the same order. One decoder per block. */
final class BlockDecoder {

    private final byte[] buf;
    private int pos;
    private final List<String> strings = new ArrayList<>();
    private final boolean format1;
    /** Format 4: a rationale may be a pattern and its numbers, and digest entries a reference. */
    private final boolean format4;
    /** Format 3 or later: verdict templates, feature name and constraints references. */
    private final boolean references;
    private double lastReal = Double.NaN;
    private boolean anyReal;
    private PortfolioView lastPortfolio;
    private Constraints lastConstraints;
    private List<String> lastNames;
    /** The block's previous digest entries (format 4 refers to them). */
    private List<TradeDigestEntry> lastEntries;
    private CycleBlockCodec.VerdictTemplate verdictTemplate;
    private long recordTs;
    /** The block's recent doubles, as {@link BlockEncoder} keeps them. */
    private final long[] recent = new long[CycleBlockCodec.RECENT_SLOTS];
    private int recentHeld;

    /**
     * @param buf the payload
     * @param format {@link CycleBlockCodec#FORMAT_1} to {@link CycleBlockCodec#FORMAT}
     */
    BlockDecoder(byte[] buf, int format) {
        this.buf = buf;
        this.format1 = format == CycleBlockCodec.FORMAT_1;
        this.references = format > CycleBlockCodec.FORMAT_2;
        this.format4 = format > CycleBlockCodec.FORMAT_3;
    }

    List<CycleRecord> decode() {
        List<CycleRecord> records = list(this::record);
        if (pos != buf.length) {
            throw new IllegalArgumentException((buf.length - pos) + " bytes left after the last record");
        }
        return records;
    }

    private CycleRecord record() {
        String composeId = string();
        String runId = string();
        String strategyId = string();
        long sequence = varlong();
        long ts = varlong();
        recordTs = ts;
        CycleStatus status = CycleStatus.valueOf(string());
        List<ComponentVersion> versions = list(
                () -> new ComponentVersion(string(), string(), string(), string(), string()));
        ComposeContext context = flag() ? context() : null;
        ComposeResult decision = flag() ? decision() : null;
        List<GuardrailVerdict> verdicts = verdicts();
        List<TxResult> txResults = list(() -> new TxResult(string(), string(), Side.valueOf(string()),
                TxStatus.valueOf(string()), real(), real(), real(), time(), string()));
        List<TradeHistoryEntry> closed = list(() -> new TradeHistoryEntry(string(), string(), real(), time(),
                real(), time(), real(), real(), real(), string(), string()));
        PortfolioView after = portfolioOrNull();
        StageTimings timings = timings();
        CycleError error = flag() ? new CycleError(CycleStep.valueOf(string()), string(), string()) : null;
        return new CycleRecord(composeId, runId, strategyId, sequence, ts, status, versions, context, decision,
                verdicts, txResults, closed, after, timings, error);
    }

    private List<GuardrailVerdict> verdicts() {
        int n = count();
        if (n == 0 || !references || !flag()) {
            List<GuardrailVerdict> verdicts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                verdicts.add(new GuardrailVerdict(string(), string(), VerdictOutcome.valueOf(string()), real(), real(),
                        string()));
            }
            if (references && n > 0 && CycleBlockCodec.uniform(verdicts)) {
                verdictTemplate = new CycleBlockCodec.VerdictTemplate(verdicts);
            }
            return verdicts;
        }
        if (verdictTemplate == null || verdictTemplate.size() != n) {
            throw new IllegalArgumentException("a template of " + n + " verdicts at byte " + pos + " with "
                    + (verdictTemplate == null ? "none" : "one of " + verdictTemplate.size()) + " before it");
        }
        String instructionId = string();
        return verdictTemplate.verdicts(instructionId, real());
    }

    private ComposeContext context() {
        long ts = time();
        String composeId = string();
        String strategyId = string();
        List<FeatureVector> features = list(this::features);
        PortfolioView portfolio = portfolioOrNull();
        TradeDigest digest = flag() ? new TradeDigest(time(), digestEntries(), real()) : null;
        String mode = string();
        return new ComposeContext(ts, composeId, strategyId, features, portfolio, digest,
                mode == null ? null : RunMode.valueOf(mode));
    }

    private FeatureVector features() {
        String symbol = string();
        long ts = time();
        int n = count();
        double[] values = new double[n];
        if (references && flag()) {
            if (lastNames == null || lastNames.size() != n) {
                throw new IllegalArgumentException("the names of " + n + " features at byte " + pos + " with "
                        + (lastNames == null ? "none" : lastNames.size()) + " before them");
            }
            for (int i = 0; i < n; i++) {
                values[i] = real();
            }
            return new FeatureVector(symbol, ts, lastNames, values);
        }
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(string());
            values[i] = real();
        }
        FeatureVector vector = new FeatureVector(symbol, ts, names, values);
        lastNames = vector.names();
        return vector;
    }

    private ComposeResult decision() {
        List<TradeInstruction> instructions = list(() -> new TradeInstruction(string(), string(),
                Side.valueOf(string()), real(), OrderType.valueOf(string()), real(), flag()));
        if (!format4 || !flag()) {
            return new ComposeResult(instructions, string());
        }
        int at = pos;
        String pattern = string();
        int count = count();
        int slots = pattern == null ? -1 : RationaleValues.slots(pattern);
        if (slots != count) {
            throw new IllegalArgumentException("a rationale pattern " + (pattern == null ? "missing" : "of " + slots
                    + " slots") + " for " + count + " numbers at byte " + at);
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = real();
        }
        return new ComposeResult(instructions, RationaleValues.render(pattern, count, i -> values[i]));
    }

    /** A digest's entries; in format 4 a count of -1 is the block's previous list again. */
    private List<TradeDigestEntry> digestEntries() {
        if (format4 && pos < buf.length && buf[pos] == 1) {   // the varint -1 (a count is even)
            pos++;
            if (lastEntries == null) {
                throw new IllegalArgumentException("a digest entry reference at byte " + (pos - 1)
                        + " with none before it");
            }
            return lastEntries;
        }
        lastEntries = list(() -> new TradeDigestEntry(string(), (int) varlong(), real(), real(), varlong(), time()));
        return lastEntries;
    }

    private PortfolioView portfolioOrNull() {
        byte presence = next();
        return switch (presence) {
            case 0 -> null;
            case 1 -> lastPortfolio = portfolio();
            case 2 -> {
                if (format1) {
                    throw new IllegalArgumentException("a flag of 2 at byte " + (pos - 1));
                }
                if (lastPortfolio == null) {
                    throw new IllegalArgumentException("a portfolio reference at byte " + (pos - 1) + " with none before it");
                }
                yield lastPortfolio;
            }
            default -> throw new IllegalArgumentException("a portfolio presence of " + presence + " at byte " + (pos - 1));
        };
    }

    private PortfolioView portfolio() {
        long ts = time();
        double cash = real();
        double equity = real();
        double gross = real();
        double net = real();
        double realized = real();
        double fees = real();
        List<PositionSnapshot> positions = list(() -> new PositionSnapshot(string(), real(), real(), real(), real(),
                time()));
        Constraints constraints = constraintsOrNull();
        return new PortfolioView(ts, cash, equity, gross, net, realized, fees, positions, constraints);
    }

    private Constraints constraintsOrNull() {
        byte presence = next();
        return switch (presence) {
            case 0 -> null;
            case 1 -> lastConstraints = new Constraints(real(), real(), real(), real(), (int) varlong(), flag());
            case 2 -> {
                if (!references || lastConstraints == null) {
                    throw new IllegalArgumentException("a constraints reference at byte " + (pos - 1)
                            + (references ? " with none before it" : " in format 2 or before"));
                }
                yield lastConstraints;
            }
            default -> throw new IllegalArgumentException("a constraints presence of " + presence + " at byte "
                    + (pos - 1));
        };
    }

    private StageTimings timings() {
        int n = count();
        if (n == 0 && !format1) {
            return StageTimings.NONE;
        }
        long[] nanos = new long[n];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = varlong();
        }
        return new StageTimings(nanos);
    }

    private <T> List<T> list(Supplier<T> element) {
        int n = count();
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** A count of elements or bytes: each takes at least a byte, so no more than the bytes left. */
    private int count() {
        long n = varlong();
        if (n < 0 || n > buf.length - pos) {
            throw new IllegalArgumentException("a count of " + n + " at byte " + pos + " with " + (buf.length - pos)
                    + " bytes left");
        }
        return (int) n;
    }

    private boolean flag() {
        byte b = next();
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException("a flag of " + b + " at byte " + (pos - 1));
        }
        return b == 1;
    }

    private String string() {
        long tag = varlong();
        if (tag == 0) {
            return null;
        }
        if (tag == 1) {
            int length = count();
            String s = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            strings.add(s);
            return s;
        }
        if (tag == 2) {
            int length = count();
            if (2L * length > buf.length - pos) {
                throw new IllegalArgumentException("a string of " + length + " chars at byte " + pos + " runs past the end");
            }
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) (((buf[pos++] & 0xFF) << 8) | (buf[pos++] & 0xFF));
            }
            String s = new String(chars);
            strings.add(s);
            return s;
        }
        if (tag == 3 && !format1) {
            String run = reference(varlong());
            int length = count();
            String s = run + new String(buf, pos, length, StandardCharsets.US_ASCII);
            pos += length;
            strings.add(s);
            return s;
        }
        return reference(tag - (format1 ? 3 : 4));
    }

    private String reference(long index) {
        if (index >= strings.size() || index < 0) {
            throw new IllegalArgumentException("string reference " + index + " at byte " + pos + " of "
                    + strings.size() + " strings");
        }
        return strings.get((int) index);
    }

    private double real() {
        if (format1) {
            return raw();
        }
        int tag = next();
        double d;
        int slot = tag - CycleBlockCodec.REAL_RECENT;
        if (references && slot >= 0 && slot < CycleBlockCodec.RECENT_SLOTS) {
            if ((recentHeld & 1 << slot) == 0) {
                throw new IllegalArgumentException("a recent number of slot " + slot + " at byte " + (pos - 1)
                        + " with none in it");
            }
            d = Double.longBitsToDouble(recent[slot]);
        } else if (tag >= 0 && tag <= CycleBlockCodec.REAL_MAX_DECIMALS) {
            long unscaled = varlong();
            if (unscaled >= 1L << 53 || unscaled <= -(1L << 53)) {
                throw new IllegalArgumentException("an unscaled value of " + unscaled + " at byte " + pos);
            }
            d = unscaled / CycleBlockCodec.POW10[tag];
        } else {
            d = switch (tag) {
                case CycleBlockCodec.REAL_REPEAT -> {
                    if (!anyReal) {
                        throw new IllegalArgumentException("a repeated number at byte " + (pos - 1) + " with none before it");
                    }
                    yield lastReal;
                }
                case CycleBlockCodec.REAL_RAW -> raw();
                case CycleBlockCodec.REAL_POS_INF -> Double.POSITIVE_INFINITY;
                case CycleBlockCodec.REAL_NEG_INF -> Double.NEGATIVE_INFINITY;
                case CycleBlockCodec.REAL_NAN -> Double.NaN;
                default -> throw new IllegalArgumentException("a number tag of " + tag + " at byte " + (pos - 1));
            };
        }
        if (references && tag != CycleBlockCodec.REAL_REPEAT && !(slot >= 0 && slot < CycleBlockCodec.RECENT_SLOTS)) {
            long bits = Double.doubleToRawLongBits(d);   // written in full: it takes its slot, as in the encoder
            int held = CycleBlockCodec.recentSlot(bits);
            recent[held] = bits;
            recentHeld |= 1 << held;
        }
        lastReal = d;
        anyReal = true;
        return d;
    }

    private double raw() {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (next() & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    /** A time of the record: format 3 writes it as its difference from the record's time. */
    private long time() {
        long t = varlong();
        return references ? t + recordTs : t;
    }

    private long varlong() {
        long z = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            z |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (z >>> 1) ^ -(z & 1);
            }
        }
        throw new IllegalArgumentException("a number longer than 10 bytes at byte " + pos);
    }

    private byte next() {
        if (pos >= buf.length) {
            throw new IllegalArgumentException("the block ends early, at byte " + pos);
        }
        return buf[pos++];
    }
}
