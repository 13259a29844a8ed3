package dev.stratagem.bench;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * H2 history write throughput: records through the real {@link HistoryWriter} into a fresh H2 file, drained; as
 * a paper run writes them (one row per cycle) or as a backtest does (blocks).
 */
final class HistoryThroughput {

    private HistoryThroughput() {}

    static double recordsPerSecond(List<CycleRecord> records, Path db, boolean blocks) {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            CycleRecord first = records.getFirst();
            store.startRun(new RunInfo(first.runId(), first.strategyId(), "paper", System.currentTimeMillis(), "{}",
                    "bench"));
            long start = System.nanoTime();
            HistoryWriter writer = new HistoryWriter(blocks ? store.blockSink() : store);
            for (CycleRecord r : records) {
                writer.submit(r);
            }
            writer.close();
            long nanos = System.nanoTime() - start;
            if (writer.written() != records.size()) {
                throw new IllegalStateException("wrote " + writer.written() + " of " + records.size());
            }
            return records.size() * 1e9 / nanos;
        }
    }
}
