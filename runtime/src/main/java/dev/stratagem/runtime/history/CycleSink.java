package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import java.util.List;

/** Where a {@link HistoryWriter} puts its batches: all records of a batch or none. */
@FunctionalInterface
public interface CycleSink {

    /**
     * Stores a batch of cycle records atomically.
     *
     * @param batch the records, in order
     */
    void writeCycles(List<CycleRecord> batch);

    /**
     * A record the {@link HistoryWriter} gave up on: its batch failed, and so did the record alone. It will not be
     * written; called on the writer's thread.
     *
     * @param record the record
     */
    default void notWritten(CycleRecord record) {}
}
