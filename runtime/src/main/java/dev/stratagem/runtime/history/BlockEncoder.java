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
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a block's records in the binary form {@link BlockDecoder} reads (see {@link CycleBlockCodec} for the
 * format). Every record component is written, in declaration order; {@link BlockDecoder} rebuilds each record through
 * its canonical constructor, so a component added to a plugin-API record fails the build there until the format
 * carries it. One encoder per block: its string table is the block's.
 */
final class BlockEncoder {

    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private final Map<String, Integer> strings = new HashMap<>();

    byte[] encode(List<CycleRecord> records) {
        varint(records.size());
        for (CycleRecord r : records) {
            record(r);
        }
        return Arrays.copyOf(buf, pos);
    }

    private void record(CycleRecord r) {
        string(r.composeId());
        string(r.runId());
        string(r.strategyId());
        varlong(r.sequence());
        varlong(r.ts());
        string(r.status().name());
        varint(r.versions().size());
        for (ComponentVersion v : r.versions()) {
            string(v.role());
            string(v.componentId());
            string(v.source());
            string(v.version());
            string(v.sha256());
        }
        context(r.context());
        decision(r.decision());
        varint(r.verdicts().size());
        for (GuardrailVerdict v : r.verdicts()) {
            string(v.instructionId());
            string(v.check());
            string(v.outcome().name());
            real(v.quantityBefore());
            real(v.quantityAfter());
            string(v.reason());
        }
        varint(r.txResults().size());
        for (TxResult t : r.txResults()) {
            string(t.instructionId());
            string(t.symbol());
            string(t.side().name());
            string(t.status().name());
            real(t.filledQuantity());
            real(t.fillPrice());
            real(t.fee());
            varlong(t.ts());
            string(t.reason());
        }
        varint(r.closedTrades().size());
        for (TradeHistoryEntry t : r.closedTrades()) {
            trade(t);
        }
        portfolio(r.portfolioAfter());
        timings(r.timings());
        if (writePresence(r.error())) {
            string(r.error().step().name());
            string(r.error().reason());
            string(r.error().exceptionType());
        }
    }

    private void context(ComposeContext c) {
        if (!writePresence(c)) {
            return;
        }
        varlong(c.ts());
        string(c.composeId());
        string(c.strategyId());
        varint(c.features().size());
        for (FeatureVector f : c.features()) {
            string(f.symbol());
            varlong(f.ts());
            List<String> names = f.names();
            varint(names.size());
            for (int i = 0; i < names.size(); i++) {
                string(names.get(i));
                real(f.value(i));
            }
        }
        portfolio(c.portfolio());
        TradeDigest d = c.digest();
        if (writePresence(d)) {
            varlong(d.ts());
            varint(d.entries().size());
            for (TradeDigestEntry e : d.entries()) {
                string(e.symbol());
                varlong(e.tradeCount());
                real(e.realizedPnl());
                real(e.winRate());
                varlong(e.averageHoldingMillis());
                varlong(e.lastTradeTs());
            }
            real(d.sharpe());
        }
        string(c.mode() == null ? null : c.mode().name());
    }

    private void decision(ComposeResult d) {
        if (!writePresence(d)) {
            return;
        }
        varint(d.instructions().size());
        for (TradeInstruction i : d.instructions()) {
            string(i.id());
            string(i.symbol());
            string(i.side().name());
            real(i.quantity());
            string(i.type().name());
            real(i.limitPrice());
            flag(i.reduceOnly());
        }
        string(d.rationale());
    }

    private void portfolio(PortfolioView p) {
        if (!writePresence(p)) {
            return;
        }
        varlong(p.ts());
        real(p.cash());
        real(p.equity());
        real(p.grossExposure());
        real(p.netExposure());
        real(p.realizedPnl());
        real(p.fees());
        varint(p.positions().size());
        for (PositionSnapshot s : p.positions()) {
            string(s.symbol());
            real(s.quantity());
            real(s.averagePrice());
            real(s.markPrice());
            real(s.unrealizedPnl());
            varlong(s.openedAt());
        }
        Constraints c = p.constraints();
        if (writePresence(c)) {
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
        varlong(t.entryTs());
        real(t.entryPrice());
        varlong(t.exitTs());
        real(t.exitPrice());
        real(t.realizedPnl());
        real(t.fees());
        string(t.entryInstructionId());
        string(t.exitInstructionId());
    }

    private void timings(StageTimings t) {
        long[] nanos = t.nanos();
        varint(nanos.length);
        for (long n : nanos) {
            varlong(n);
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
     * (which UTF-8 would turn into {@code ?} when unpaired), {@code 2} and its UTF-16 code units; else
     * {@code 3 + index} of its first occurrence.
     */
    private void string(String s) {
        if (s == null) {
            varint(0);
            return;
        }
        Integer seen = strings.get(s);
        if (seen != null) {
            varint(3 + seen);
            return;
        }
        strings.put(s, strings.size());
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

    /** The double's bits, so NaN, infinities and -0.0 come back as they were. */
    private void real(double d) {
        room(8);
        long bits = Double.doubleToRawLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (bits >>> shift);
        }
    }

    private void varint(int v) {
        varlong(v);
    }

    /** Zig-zag, then seven bits a byte: small magnitudes of either sign take few bytes. */
    private void varlong(long v) {
        room(10);
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[pos++] = (byte) z;
    }

    private void room(int bytes) {
        if (pos + bytes > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + bytes));
        }
    }
}
