package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.TradeDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordPrefetchTest {

    private static final String RUN = "bt-prefetch";

    @Test
    void reads_every_kind_of_record_the_encoder_takes() {
        CycleRecord[] records = {
            SampleCycles.warmup(RUN, 1), SampleCycles.traded(RUN, 2), SampleCycles.accepted(RUN, 3, 100),
            SampleCycles.rejected(RUN, 4), SampleCycles.failed(RUN, 5), SampleCycles.idle(RUN, 6), noFeatures(7)};

        assertThat(RecordPrefetch.touch(records, records.length))
                .as("the same records, the same fold: it only reads")
                .isEqualTo(RecordPrefetch.touch(records, records.length));
    }

    @Test
    void never_runs_a_rationale_so_a_runaway_one_stays_the_encoders_to_report() {
        // the rationale throws an Error when read: the prefetch must not read it (only the encoder does, and counts it)
        CycleRecord runaway = SampleCycles.withThrowingRationale(SampleCycles.traded(RUN, 1), new StackOverflowError());

        assertThatCode(() -> RecordPrefetch.touch(new CycleRecord[] {runaway}, 1)).doesNotThrowAnyException();
    }

    @Test
    void reads_only_the_records_counted() {
        CycleRecord[] open = new CycleRecord[BlockRecorder.BLOCK_CYCLES];   // a partly filled hand-over: nulls after
        open[0] = SampleCycles.traded(RUN, 1);
        open[1] = SampleCycles.idle(RUN, 2);

        assertThatCode(() -> RecordPrefetch.touch(open, 2)).doesNotThrowAnyException();
        assertThat(RecordPrefetch.touch(open, 0)).isZero();
    }

    /** An idle cycle whose pipeline gave a vector without features: there is no first value to read. */
    private static CycleRecord noFeatures(long seq) {
        CycleRecord idle = SampleCycles.idle(RUN, seq);
        ComposeContext c = idle.context();
        ComposeContext empty = new ComposeContext(c.ts(), c.composeId(), c.strategyId(),
                List.of(new FeatureVector("ORCL", c.ts(), List.of(), new double[0])), c.portfolio(), TradeDigest.EMPTY,
                RunMode.BACKTEST);
        return new CycleRecord(idle.composeId(), RUN, idle.strategyId(), seq, idle.ts(), CycleStatus.IDLE,
                idle.versions(), empty, idle.decision(), List.of(), List.of(), List.of(), idle.portfolioAfter(),
                StageTimings.NONE, null);
    }
}
