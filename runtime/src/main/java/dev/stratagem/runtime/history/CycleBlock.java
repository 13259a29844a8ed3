package dev.stratagem.runtime.history;

/**
 * A block of a run's consecutive cycles, encoded ({@link CycleBlockCodec}): one {@code cycle_blocks} row to insert.
 *
 * @param runId the run
 * @param header what a reader decides by whether to decode it
 * @param payload the records
 */
record CycleBlock(String runId, CycleBlocks.Header header, byte[] payload) {

    /** @return the block as a log line names it */
    String describe() {
        return "cycles " + header.firstSeq() + ".." + header.lastSeq() + " of run " + runId;
    }
}
