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
}
