package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a backtest's cycles in blocks: each cycle is encoded on the thread that ran it, as it ends, and each full
 * block goes to a {@link HistoryWriter} that only inserts it.
 *
 * <p>Encoded on the history writer's thread, a record was read after the replay had moved on by hundreds of cycles
 * and megabytes of other objects, from another core: its ~20 objects were cache misses, ~2-4 us a record against
 * ~1 us here, and the queue kept every record alive through young collections (BENCHMARKS.md).
 *
 * <p>A record that cannot be encoded (its rationale threw a {@link StackOverflowError}) is logged and left out, the
 * block goes on without it, and {@link #close()} throws a {@link HistoryWriteException} that counts it, as the
 * history writer does for a record it cannot store. Not thread-safe: one replay thread records.
 */
public final class BlockRecorder implements AutoCloseable {

    /** Cycles per block. */
    static final int BLOCK_CYCLES = 512;
    /** Blocks queued before {@link #record} waits for the writer (~200 KB a block at record level activity). */
    static final int CAPACITY = 16;
    /** Blocks per transaction. */
    static final int BATCH = 4;

    private static final Logger LOG = LoggerFactory.getLogger(BlockRecorder.class);

    private final BlockBuilder builder = new BlockBuilder();
    private final HistoryWriter<CycleBlock> writer;
    private long failed;
    private Throwable lastError;

    BlockRecorder(CycleBlocks blocks) {
        this.writer = new HistoryWriter<>(blocks::writeBlocks, CycleBlock::describe, "cycle block(s)", CAPACITY, BATCH);
    }

    /**
     * Encodes the record into the open block, and queues the block when it is full.
     *
     * @param record a finished cycle of the run this recorder records
     * @throws HistoryWriteException if the writer has stopped
     */
    public void record(CycleRecord record) {
        if (!builder.fits(record)) {
            seal();
        }
        try {
            builder.add(record);
        } catch (RuntimeException | StackOverflowError e) {
            failed++;
            lastError = e;
            LOG.error("cycle {} of run {} was not recorded", record.composeId(), record.runId(), e);
            return;
        }
        if (builder.cycles() >= BLOCK_CYCLES) {
            seal();
        }
    }

    private void seal() {
        CycleBlock block = builder.seal();
        if (block != null) {
            try {
                writer.submit(block);
            } catch (RuntimeException e) {
                failed += block.header().cycles();
                lastError = e;
                throw e;
            }
        }
    }

    /**
     * Queues the last block and waits until every block is written.
     *
     * @throws HistoryWriteException if a record or a block was not written
     */
    @Override
    public void close() {
        try {
            seal();
        } finally {
            writer.close();
        }
        if (lastError != null) {
            throw new HistoryWriteException(failed + " cycle record(s) were not written to the history", lastError);
        }
    }
}
