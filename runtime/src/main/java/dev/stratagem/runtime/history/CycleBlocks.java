package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code cycle_blocks} table (V6 migration): a backtest's history, one row per batch of consecutive cycles
 * with the records in one {@link CycleBlockCodec} payload. A backtest's blocks come built ({@link BlockRecorder},
 * {@link #writeBlocks}); as a {@link CycleSink} it stores a batch of records as one block per run.
 */
final class CycleBlocks implements CycleSink {

    private final Jdbi jdbi;
    /** Per run, the last cycle a block this sink wrote holds (committed). */
    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    /** A session to reuse: each writer thread takes it or, if taken, opens another. */
    private final AtomicReference<BlockSession> spare = new AtomicReference<>();
    private volatile boolean closed;

    CycleBlocks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A block's header: what a reader needs to decide whether to decode it. */
    record Header(long firstSeq, long lastSeq, long firstTs, long lastTs, int cycles, int statusMask) {
        boolean mayHold(CycleStatus status) {
            return status == null || (statusMask & bit(status)) != 0;
        }
    }

    /** A status's bit in {@code status_mask}: fixed per status, so a status added later never moves the others. */
    static int bit(CycleStatus status) {
        return switch (status) {
            case WARMUP -> 1;
            case IDLE -> 1 << 1;
            case TRADED -> 1 << 2;
            case REJECTED -> 1 << 3;
            case FAILED -> 1 << 4;
        };
    }

    /**
     * Stores a batch of records, one block per run in it: for a caller with records in hand (a backtest's blocks
     * come built, through {@link #writeBlocks}).
     */
    @Override
    public void writeCycles(List<CycleRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<List<CycleRecord>> runs = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= batch.size(); i++) {
            if (i == batch.size() || !batch.get(i).runId().equals(batch.get(from).runId())) {
                runs.add(batch.subList(from, i));
                from = i;
            }
        }
        List<CycleBlock> written = new ArrayList<>();
        // a record that throws while it is encoded fails the batch: transact drops the session, its builder with it
        transact("cycle block of " + batch.size(), runs.stream().map(r -> r.getFirst().runId()).toList(), session -> {
            BlockBuilder builder = session.builder();
            for (List<CycleRecord> run : runs) {
                String runId = run.getFirst().runId();
                long held = session.held(runId, run.getFirst().sequence(), run.getLast().sequence(),
                        committed.get(runId));
                for (CycleRecord r : run) {
                    if (r.sequence() > held) {
                        builder.add(r);
                    }
                }
                CycleBlock block = builder.seal();
                if (block != null) {
                    session.insert(block);
                    written.add(block);
                }
            }
        });
        markCommitted(written);
    }

    /**
     * Stores blocks in one transaction. A block a retry finds stored already is skipped.
     *
     * @param batch blocks, each of one run's consecutive cycles
     * @throws IllegalStateException if a block overlaps one stored
     * @throws HistoryWriteException if the database fails
     */
    void writeBlocks(List<CycleBlock> batch) {
        if (batch.isEmpty()) {
            return;
        }
        transact(batch.size() + " cycle block(s) (" + batch.getFirst().describe() + " ..)",
                batch.stream().map(CycleBlock::runId).toList(), session -> {
            for (CycleBlock block : batch) {
                Header h = block.header();
                long held = session.held(block.runId(), h.firstSeq(), h.lastSeq(), committed.get(block.runId()));
                if (h.lastSeq() <= held) {
                    continue;
                }
                if (h.firstSeq() <= held) {
                    throw new IllegalStateException("block of " + block.describe() + " overlaps a stored block"
                            + " that ends at " + held);
                }
                session.insert(block);
            }
        });
        markCommitted(batch);
    }

    /** Work in a block transaction. */
    @FunctionalInterface
    private interface SessionWork {
        void run(BlockSession session) throws SQLException;
    }

    /**
     * Runs the work in one transaction. If it fails, the runs' committed marks are forgotten: the database may have
     * committed what it reported failed, so the retry must look for what is stored ({@link BlockSession#held}).
     */
    private void transact(String what, List<String> runIds, SessionWork work) {
        BlockSession session = spare.getAndSet(null);
        if (session == null) {
            session = new BlockSession(jdbi.open());
        }
        try {
            work.run(session);
            session.commit();
        } catch (SQLException e) {
            session.close(); // rolls back; the connection may be broken, so the next batch takes a new one
            runIds.forEach(committed::remove);
            throw new HistoryWriteException(what + " not written", e);
        } catch (Throwable e) {   // an Error too (out of memory encoding a block): never keep an open transaction
            session.close();
            runIds.forEach(committed::remove);
            throw e;
        }
        giveBack(session);
    }

    private void markCommitted(List<CycleBlock> written) {
        for (CycleBlock block : written) {
            committed.merge(block.runId(), block.header().lastSeq(), Math::max);
        }
    }

    private void giveBack(BlockSession session) {
        if (closed || !spare.compareAndSet(null, session)) {
            session.close();
        } else if (closed) { // close() ran between the check and the set
            close();
        }
    }

    /** Releases the kept connection: the store calls this before it closes its pool. */
    void close() {
        closed = true;
        BlockSession session = spare.getAndSet(null);
        if (session != null) {
            session.close();
        }
    }

    /** @return whether the run's history is in blocks */
    boolean holds(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM cycle_blocks WHERE run_id = ? LIMIT 1")
                .bind(0, runId).mapTo(Integer.class).findOne().isPresent());
    }

    /**
     * @param h a handle
     * @param runId a run
     * @param afterSequence only blocks holding a cycle after this one
     * @return the headers of those blocks, in sequence order
     */
    static List<Header> headers(Handle h, String runId, long afterSequence) {
        return h.createQuery("SELECT first_seq, last_seq, first_ts, last_ts, cycles, status_mask FROM cycle_blocks"
                        + " WHERE run_id = ? AND last_seq > ? ORDER BY run_id, first_seq")
                .bind(0, runId).bind(1, afterSequence)
                .map((rs, ctx) -> new Header(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                        rs.getInt(6)))
                .list();
    }

    /**
     * @param pick what to take from a record, {@code null} if nothing
     * @return what {@code pick} takes from the run's last recorded cycle that has it, reading the blocks from the last
     *     one back
     */
    static <T> Optional<T> latest(Handle h, String runId, Function<CycleRecord, T> pick) {
        List<Header> headers = headers(h, runId, 0);
        for (int i = headers.size() - 1; i >= 0; i--) {
            List<CycleRecord> records = records(h, runId, headers.get(i).firstSeq());
            for (int j = records.size() - 1; j >= 0; j--) {
                T picked = pick.apply(records.get(j));
                if (picked != null) {
                    return Optional.of(picked);
                }
            }
        }
        return Optional.empty();
    }

    /** @return the records of the run's block that starts at {@code firstSeq} */
    static List<CycleRecord> records(Handle h, String runId, long firstSeq) {
        return records(h, runId, firstSeq, null);
    }

    /**
     * @param needle bytes every record sought holds literally in the block (the block writes each string in full the
     *     first time it uses it), or null for all records
     * @return the records of the run's block that starts at {@code firstSeq}; none, without decoding it, when its
     *     payload lacks the needle
     */
    static List<CycleRecord> records(Handle h, String runId, long firstSeq, byte[] needle) {
        return h.createQuery("SELECT format, payload FROM cycle_blocks WHERE run_id = ? AND first_seq = ?")
                .bind(0, runId).bind(1, firstSeq)
                .map((rs, ctx) -> {
                    byte[] payload = rs.getBytes(2);
                    return needle != null && !contains(payload, needle) ? List.<CycleRecord>of()
                            : CycleBlockCodec.decode(rs.getInt(1), payload, runId + " from " + firstSeq);
                })
                .findOne().orElse(List.of());
    }

    /** @return whether {@code bytes} holds {@code needle} (not empty) somewhere */
    static boolean contains(byte[] bytes, byte[] needle) {
        byte first = needle[0];
        for (int i = 0, last = bytes.length - needle.length; i <= last; i++) {
            if (bytes[i] == first && Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** @return the records of the run's block that would hold {@code sequence}, empty if none */
    static List<CycleRecord> blockHolding(Handle h, String runId, long sequence) {
        return h.createQuery("SELECT first_seq FROM cycle_blocks WHERE run_id = ? AND first_seq <= ?"
                        + " ORDER BY run_id DESC, first_seq DESC LIMIT 1")
                .bind(0, runId).bind(1, sequence).mapTo(Long.class).findOne()
                .map(first -> records(h, runId, first)).orElse(List.of());
    }
}
