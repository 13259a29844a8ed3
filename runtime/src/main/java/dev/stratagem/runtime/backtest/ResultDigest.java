package dev.stratagem.runtime.backtest;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.TxResult;
import dev.stratagem.runtime.cycle.CycleOutcome;
import dev.stratagem.runtime.plugin.Sha256;
import java.nio.ByteBuffer;
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
    /** Bytes not yet hashed: the hash sees one stream, so feeding it in 8 KB pieces gives the same digest. */
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);

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
        buffer.put((byte) 'F').putLong(fill.ts()).put((byte) fill.side().ordinal())
                .putDouble(fill.filledQuantity()).putDouble(fill.fillPrice()).putDouble(fill.fee());
        text(fill.symbol());
    }

    void equity(long ts, double equity) {
        room(17);
        buffer.put((byte) 'E').putLong(ts).putDouble(equity);
    }

    void position(String symbol, double quantity, double averagePrice) {
        room(17);
        buffer.put((byte) 'P').putDouble(quantity).putDouble(averagePrice);
        text(symbol);
    }

    /** @return the hex digest; the digest cannot be fed afterwards */
    String finish() {
        flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    private void text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > buffer.remaining()) {
            flush();
            sha.update(bytes);
        } else {
            buffer.put(bytes);
        }
        room(1);
        buffer.put((byte) 0);
    }

    /** Hashes what is buffered if fewer than {@code bytes} are free. */
    private void room(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() {
        buffer.flip();
        sha.update(buffer);
        buffer.clear();
    }
}
