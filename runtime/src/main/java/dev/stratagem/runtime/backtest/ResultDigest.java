package dev.stratagem.runtime.backtest;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.TxResult;
import dev.stratagem.runtime.cycle.CycleOutcome;
import dev.stratagem.runtime.plugin.Sha256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 fingerprint of a backtest's outcome: every fill (time, symbol, side, quantity, price, fee),
 * every point of the equity curve, and the final positions. Ids and wall-clock times are left out, so two
 * runs of the same strategy on the same data give the same digest, and any change in what was traded or
 * how it was valued changes it. Fed incrementally: O(1) per bar.
 */
public final class ResultDigest {

    private final MessageDigest sha = Sha256.newDigest();
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);

    /** Bytes not yet hashed: the hash sees one stream, so feeding it in 8 KB pieces gives the same digest. */
    private final byte[] buffer = new byte[8192];
    private int used;

    /**
     * The digest of a run from its recorded cycles, as {@link BacktestRunner} computes it while it runs: so a
     * run recorded at level ALL by any driver (the backtest loop, the bus) can be checked against a backtest.
     *
     * @param cycles every cycle of the run, in sequence order
     * @return the hex SHA-256
     */
    public static String of(List<CycleRecord> cycles) {
        ResultDigest digest = new ResultDigest();
        for (CycleRecord cycle : cycles) {
            digest.cycle(cycle);
        }
        if (!cycles.isEmpty() && cycles.getLast().portfolioAfter() != null) {
            for (PositionSnapshot p : cycles.getLast().portfolioAfter().positions()) {
                digest.position(p.symbol(), p.quantity(), p.averagePrice());
            }
        }
        return digest.finish();
    }

    void cycle(CycleRecord cycle) {
        cycle(cycle.txResults(), cycle.ts(), cycle.portfolioAfter());
    }

    void cycle(CycleOutcome cycle) {
        cycle(cycle.txResults(), cycle.ts(), cycle.portfolioAfter());
    }

    private void cycle(List<TxResult> txs, long ts, PortfolioView after) {
        for (int i = 0; i < txs.size(); i++) {   // indexed: no iterator per bar
            if (txs.get(i).status().isFill()) {
                fill(txs.get(i));
            }
        }
        if (after != null) {
            equity(ts, after.equity());
        }
    }

    void fill(TxResult fill) {
        room(34);
        buffer[used] = 'F';
        LONG.set(buffer, used + 1, fill.ts());
        buffer[used + 9] = (byte) fill.side().ordinal();
        DOUBLE.set(buffer, used + 10, fill.filledQuantity());
        DOUBLE.set(buffer, used + 18, fill.fillPrice());
        DOUBLE.set(buffer, used + 26, fill.fee());
        used += 34;
        text(fill.symbol());
    }

    void equity(long ts, double equity) {
        room(17);
        buffer[used] = 'E';
        LONG.set(buffer, used + 1, ts);
        DOUBLE.set(buffer, used + 9, equity);
        used += 17;
    }

    void position(String symbol, double quantity, double averagePrice) {
        room(17);
        buffer[used] = 'P';
        DOUBLE.set(buffer, used + 1, quantity);
        DOUBLE.set(buffer, used + 9, averagePrice);
        used += 17;
        text(symbol);
    }

    /** @return the hex digest; the digest cannot be fed afterwards */
    String finish() {
        flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    private void text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > buffer.length - used) {
            flush();
            sha.update(bytes);
        } else {
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }
        room(1);
        buffer[used++] = 0;
    }

    /** Hashes what is buffered if fewer than {@code bytes} are free. */
    private void room(int bytes) {
        if (buffer.length - used < bytes) {
            flush();
        }
    }

    private void flush() {
        sha.update(buffer, 0, used);
        used = 0;
    }
}
