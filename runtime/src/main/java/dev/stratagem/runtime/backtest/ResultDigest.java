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
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The SHA-256 fingerprint of a backtest's outcome: every fill (time, symbol, side, quantity, price, fee),
 * every point of the equity curve, and the final positions. Ids and wall-clock times are left out, so two
 * runs of the same strategy on the same data give the same digest, and any change in what was traded or
 * how it was valued changes it. Fed incrementally: O(1) per bar.
 *
 * <p>The bytes are buffered on the feeding thread and hashed on {@link #HASHER}, one full buffer at a time and in
 * order: a 1,000,000-bar run feeds 17 MB, and hashing them took ~8 ms of a ~165 ms replay loop. A digest keeps at
 * most {@link #MAX_BUFFERS} buffers, so a feeder that outruns the hasher waits for it. Not thread-safe: one thread
 * at a time feeds a digest and finishes it (a backtest's loop may move to another thread, handed over with a
 * happens-before edge).
 */
public final class ResultDigest {

    /** One thread for every digest's hashing: each digest's buffers reach it, and are hashed, in the order given. */
    private static final Executor HASHER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("result-digest").factory());
    /** 256 KB: a piece every ~15,000 bars wakes the hasher ~65 times a 1M-bar run (64 KB: ~260, each a futex wake). */
    private static final int BUFFER_BYTES = 256 * 1024;
    /** The buffers a digest may have, in the hasher's hands or its own. */
    private static final int MAX_BUFFERS = 4;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);

    /** Written only on the {@link #HASHER}'s thread, and read by {@link #finish} after the last hash is done. */
    private final MessageDigest sha = Sha256.newDigest();
    /** Buffers hashed and free again: the hasher hands them back, the feeding thread takes them. */
    private final Queue<byte[]> free = new ConcurrentLinkedQueue<>();
    /** Bytes not yet handed to the hasher: the hash sees one stream, so its pieces give the same digest. */
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int buffers = 1;
    private int used;
    /**
     * The pieces handed to the hasher, each run after the one before it: when the last is done all are, and a piece
     * that failed fails every later one, and {@link #finish}.
     */
    private CompletableFuture<Void> hashed = CompletableFuture.completedFuture(null);

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
        if (used > 0) {
            hash(buffer, used, false);
        }
        buffer = null;
        hashed.join();
        return HexFormat.of().formatHex(sha.digest());
    }

    private void text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        room(bytes.length + 1);
        if (bytes.length + 1 > buffer.length) {
            hash(bytes, bytes.length, false);   // a name longer than a buffer: a piece of its own
        } else {
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }
        room(1);
        buffer[used++] = 0;
    }

    /** Hands what is buffered to the hasher if fewer than {@code bytes} are free. */
    private void room(int bytes) {
        if (buffer.length - used < bytes) {
            flush();
        }
    }

    private void flush() {
        if (used == 0) {
            return;
        }
        hash(buffer, used, true);
        byte[] next = free.poll();
        if (next == null && buffers == MAX_BUFFERS) {
            hashed.join();   // the hasher is behind: every buffer is back once the last piece is hashed
            next = free.poll();
        }
        if (next == null) {
            next = new byte[BUFFER_BYTES];
            buffers++;
        }
        buffer = next;
        used = 0;
    }

    /**
     * Hashes a piece on the hasher's thread, after the pieces handed before it; the piece must not change until
     * then (a buffer comes back through {@link #free}).
     */
    private void hash(byte[] piece, int length, boolean reuse) {
        hashed = hashed.thenRunAsync(() -> {
            sha.update(piece, 0, length);
            if (reuse) {
                free.offer(piece);
            }
        }, HASHER);
    }
}
