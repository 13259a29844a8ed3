package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.CycleRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentContextsBufferTest {

    private static final String RUN = "pp-buffer";

    @TempDir
    Path dir;

    @Test
    void keeps_the_same_contexts_as_the_history_database_without_reading_it() {
        List<CycleRecord> cycles = new ArrayList<>();
        for (long seq = 1; seq <= 40; seq++) {
            cycles.add(seq <= 5 ? SampleCycles.warmup(RUN, seq)
                    : seq % 7 == 0 ? SampleCycles.failed(RUN, seq)
                    : seq % 5 == 0 ? SampleCycles.rejected(RUN, seq) : SampleCycles.traded(RUN, seq));
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.startRun(new RunInfo(RUN, SampleCycles.STRATEGY, "paper", 1_000, null, null));
            // 20 recorded before the strategy is put under hot reload, 20 seen by its listener after
            store.writeCycles(cycles.subList(0, 20));
            RecentContexts fromH2 = new RecentContexts(store);
            RecentContextsBuffer buffer = new RecentContextsBuffer(12, fromH2.last(RUN, 12));
            cycles.subList(20, 40).forEach(buffer::onCycleResult);
            store.writeCycles(cycles.subList(20, 40));

            assertThat(buffer.last()).extracting(ComposeContext::composeId)
                    .isEqualTo(fromH2.last(RUN, 12).stream().map(ComposeContext::composeId).toList())
                    .hasSize(12).endsWith(SampleCycles.composeId(RUN, 40));
        }
    }

    @Test
    void skips_warmup_cycles_and_reports_when_it_is_first_full() {
        RecentContextsBuffer buffer = new RecentContextsBuffer(3, List.of());
        buffer.onCycleResult(SampleCycles.warmup(RUN, 1));
        buffer.onCycleResult(SampleCycles.traded(RUN, 2));
        buffer.onCycleResult(SampleCycles.traded(RUN, 3));
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.whenFull()).isNotDone();
        buffer.onCycleResult(SampleCycles.traded(RUN, 4));
        buffer.onCycleResult(SampleCycles.traded(RUN, 5));
        assertThat(buffer.whenFull()).isDone();
        assertThat(buffer.last()).extracting(ComposeContext::composeId).containsExactly(
                SampleCycles.composeId(RUN, 3), SampleCycles.composeId(RUN, 4), SampleCycles.composeId(RUN, 5));
    }

    @Test
    void a_zero_capacity_keeps_nothing_and_a_negative_one_is_refused() {
        RecentContextsBuffer none = new RecentContextsBuffer(0, List.of(SampleCycles.traded(RUN, 2).context()));
        assertThat(none.last()).isEmpty();
        assertThat(none.whenFull()).isDone();
        assertThatThrownBy(() -> new RecentContextsBuffer(-1, List.of())).hasMessageContaining("capacity");
    }
}
