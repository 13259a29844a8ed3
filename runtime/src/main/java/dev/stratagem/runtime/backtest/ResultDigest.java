package dev.stratagem.runtime.backtest;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.TxResult;
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
    private final ByteBuffer buffer = ByteBuffer.allocate(64);

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
        List<TxResult> txs = cycle.txResults();
        for (int i = 0; i < txs.size(); i++) {   // indexed: no iterator per bar
            if (txs.get(i).status().isFill()) {
                fill(txs.get(i));
            }
        }
        if (cycle.portfolioAfter() != null) {
            equity(cycle.ts(), cycle.portfolioAfter().equity());
        }
    }

    void fill(TxResult fill) {
        buffer.clear();
        buffer.put((byte) 'F').putLong(fill.ts()).put((byte) fill.side().ordinal())
                .putDouble(fill.filledQuantity()).putDouble(fill.fillPrice()).putDouble(fill.fee());
        flush();
        text(fill.symbol());
    }

    void equity(long ts, double equity) {
        buffer.clear();
        buffer.put((byte) 'E').putLong(ts).putDouble(equity);
        flush();
    }

    void position(String symbol, double quantity, double averagePrice) {
        buffer.clear();
        buffer.put((byte) 'P').putDouble(quantity).putDouble(averagePrice);
        flush();
        text(symbol);
    }

    /** @return the hex digest; the digest cannot be fed afterwards */
    String finish() {
        return HexFormat.of().formatHex(sha.digest());
    }

    private void text(String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private void flush() {
        buffer.flip();
        sha.update(buffer);
    }
}
