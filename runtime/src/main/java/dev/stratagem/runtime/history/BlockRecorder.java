package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a backtest's cycles in blocks: the replay's thread collects each run of {@link #BLOCK_CYCLES} records and
 * hands it over whole; the {@link HistoryWriter}'s thread encodes it into a block (one per run in it) and inserts it.
 *
 * <p>Where the encoding runs is measured, not assumed. At 535a352 each record went to the writer through the queue
 * one by one and was encoded there, from another core, long after: ~2-4 us a record against ~1 us on the replay's
 * thread, and the replay was no faster. Encoded on the replay's thread (535a352 to 13f1825), the encoding took
 * ~1.5 us of that thread a record: with the machine quiet, record activity measured 2.2-2.4M bars/s against
 * 3.1-3.4M for the same replay with no encoding and no writes (BENCHMARKS.md, "record activity off the replay's
 * thread"). Handed over a block at a time, the replay's thread only builds the records; the other core, idle at
 * record summary but for the collector, encodes and inserts them. It reads each hand-over's records ahead first
 * ({@link RecordPrefetch}): they were made on the other core, and their cache misses then overlap.
 *
 * <p>A record that cannot be encoded (its rationale threw a {@link StackOverflowError}) is logged and left out, the
 * block goes on without it, and {@link #close()} throws a {@link HistoryWriteException} that counts it, as the
 * history writer does for a record it cannot store. Not thread-safe: one replay thread records.
 */
public final class BlockRecorder implements AutoCloseable {

    /** Cycles per block, and per hand-over. */
    static final int BLOCK_CYCLES = 512;
    /**
     * Hand-overs queued before {@link #record} waits for the writer: each holds its records alive until encoded, so
     * few (a young collection copies what is in flight).
     */
    static final int CAPACITY = 4;
    /** Hand-overs per transaction. */
    static final int BATCH = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BlockRecorder.class);

    private final HistoryWriter<Batch> writer;
    /** The writer thread's: encodes each batch once (a retried transaction writes the same blocks). */
    private BlockBuilder builder = new BlockBuilder();
    /** What {@link RecordPrefetch} read, kept so that its reads stay (the writer's thread's). */
    private long prefetched;
    private CycleRecord[] open = new CycleRecord[BLOCK_CYCLES];
    private int count;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();

    BlockRecorder(CycleBlocks blocks) {
        this.writer = new HistoryWriter<>(batches -> {
            List<CycleBlock> all = new ArrayList<>();
            for (Batch b : batches) {
                all.addAll(b.blocks());
            }
            blocks.writeBlocks(all);
        }, Batch::describe, "hand-over(s) of up to " + BLOCK_CYCLES + " cycle records", CAPACITY, BATCH);
    }

    /**
     * Takes the record for the open hand-over, and hands it to the writer when it is full.
     *
     * @param record a finished cycle; immutable, and its lazy parts readable from another thread (the plugin API's
     *     contract for a rationale and a Sharpe ratio)
     * @throws HistoryWriteException if the writer has stopped
     */
    public void record(CycleRecord record) {
        open[count++] = record;
        if (count == BLOCK_CYCLES) {
            handOver();
        }
    }

    private void handOver() {
        if (count == 0) {
            return;
        }
        Batch batch = new Batch(count == open.length ? open : Arrays.copyOf(open, count));
        open = new CycleRecord[BLOCK_CYCLES];
        count = 0;
        try {
            writer.submit(batch);   // no wake of its own: the writer wakes every BATCH hand-overs, or looks every 10 ms
        } catch (RuntimeException e) {
            failed.addAndGet(batch.size);
            lastError.compareAndSet(null, e);
            throw e;
        }
    }

    /** @return the CPU time its writer's thread has used so far (encoding and inserting), in nanoseconds */
    public long writerCpuNanos() {
        return writer.cpuNanos();
    }

    /**
     * Hands over the last records and waits until every block is written.
     *
     * @throws HistoryWriteException if a record or a block was not written
     */
    @Override
    public void close() {
        RuntimeException writerFailure = null;
        try {
            handOver();
        } catch (RuntimeException e) {
            writerFailure = e;   // counted by handOver; the writer still drains what it has
        }
        try {
            writer.close();
        } catch (RuntimeException e) {
            if (writerFailure == null) {
                writerFailure = e;
            } else if (e != writerFailure) {
                writerFailure.addSuppressed(e);
            }
        }
        Throwable error = lastError.get();
        if (error != null) {   // the records this recorder counted, with what the writer said
            HistoryWriteException lost = new HistoryWriteException(
                    failed.get() + " cycle record(s) were not written to the history", error);
            if (writerFailure != null && writerFailure != error) {
                lost.addSuppressed(writerFailure);
            }
            throw lost;
        }
        if (writerFailure != null) {
            throw writerFailure;
        }
    }

    /** Consecutive records of the replay, encoded on the writer's thread into a block per run they hold. */
    private final class Batch {
        private final int size;
        private final String describe;
        /** Until encoded; then dropped, so a batch waiting for its transaction holds bytes, not records. */
        private CycleRecord[] records;
        private List<CycleBlock> blocks;

        Batch(CycleRecord[] records) {
            this.records = records;
            this.size = records.length;
            this.describe = "cycles " + records[0].sequence() + ".." + records[size - 1].sequence() + " of run "
                    + records[0].runId();
        }

        /** @return the blocks, encoded the first time (a retried transaction gets the same) */
        List<CycleBlock> blocks() {
            if (blocks == null) {
                blocks = encode();
                records = null;
            }
            return blocks;
        }

        private List<CycleBlock> encode() {
            List<CycleBlock> out = new ArrayList<>(1);
            int skipped = 0;
            try {
                prefetched += RecordPrefetch.touch(records, size);   // the misses of the hand-over's records at once
                for (CycleRecord r : records) {
                    if (!builder.fits(r)) {
                        out.add(builder.seal());
                    }
                    try {
                        builder.add(r);
                    } catch (RuntimeException | StackOverflowError e) {   // this record only: the block goes on
                        skipped++;
                        failed.incrementAndGet();
                        lastError.compareAndSet(null, e);
                        LOG.error("cycle {} of run {} was not recorded", r.composeId(), r.runId(), e);
                    }
                }
                CycleBlock last = builder.seal();
                if (last != null) {
                    out.add(last);
                }
                return out;
            } catch (Error e) {
                // the encoder is in no known state and none of this batch is stored: count it, start a fresh
                // builder, and let the writer stop (the next hand-over, or close, reports it on the replay's thread)
                failed.addAndGet(size - skipped);
                lastError.compareAndSet(null, e);
                builder = new BlockBuilder();
                throw e;
            }
        }

        String describe() {
            return describe;
        }
    }
}
