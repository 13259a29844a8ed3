package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;

/** Builds a run's blocks a cycle at a time: the records' payload, and the header a reader skips blocks by. */
final class BlockBuilder {

    private final BlockEncoder encoder = new BlockEncoder();
    private String runId;
    private long firstSeq;
    private long lastSeq;
    private long firstTs;
    private long lastTs;
    private int statusMask;

    BlockBuilder() {
        encoder.start();
    }

    /** @return whether the record can join the open block: none is open, or it is a later cycle of the block's run */
    boolean fits(CycleRecord r) {
        return encoder.count() == 0 || r.runId().equals(runId) && r.sequence() > lastSeq;
    }

    /**
     * Adds a record that {@link #fits}. If reading the record throws, the block is as it was.
     *
     * @param r the record
     */
    void add(CycleRecord r) {
        encoder.add(r);
        if (encoder.count() == 1) {
            runId = r.runId();
            firstSeq = r.sequence();
            firstTs = r.ts();
            statusMask = 0;
        }
        lastSeq = r.sequence();
        lastTs = r.ts();
        statusMask |= CycleBlocks.bit(r.status());
    }

    /** @return the cycles in the open block */
    int cycles() {
        return encoder.count();
    }

    /** @return the open block, closed (the next {@link #add} opens another); {@code null} if none is open */
    CycleBlock seal() {
        if (encoder.count() == 0) {
            return null;
        }
        CycleBlock block = new CycleBlock(runId, new CycleBlocks.Header(firstSeq, lastSeq, firstTs, lastTs,
                encoder.count(), statusMask), encoder.finish());
        encoder.start();
        return block;
    }
}
