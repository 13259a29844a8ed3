package dev.stratagem.bench;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.history.BlockRecorder;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * H2 history write throughput: records into a fresh H2 file, drained; as a paper run writes them (one row per cycle,
 * through the {@link HistoryWriter}) or as a backtest does (blocks, through the {@link BlockRecorder}, which encodes
 * on the calling thread).
 */
final class HistoryThroughput {

    private HistoryThroughput() {}

    static double recordsPerSecond(List<CycleRecord> records, Path db, boolean blocks) {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            CycleRecord first = records.getFirst();
            store.startRun(new RunInfo(first.runId(), first.strategyId(), "paper", System.currentTimeMillis(), "{}",
                    "bench"));
            long start = System.nanoTime();
            if (blocks) {
                try (BlockRecorder recorder = store.blockRecorder()) {
                    records.forEach(recorder::record);
                }
            } else {
                try (HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(store)) {
                    records.forEach(writer::submit);
                }
            }
            long nanos = System.nanoTime() - start;
            long stored = store.cycleCount(first.runId());
            if (stored != records.size()) {
                throw new IllegalStateException("wrote " + stored + " of " + records.size());
            }
            return records.size() * 1e9 / nanos;
        }
    }
}
