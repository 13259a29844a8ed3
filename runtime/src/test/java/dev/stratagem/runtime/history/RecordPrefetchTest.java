package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.RationaleValues;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.TradeDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordPrefetchTest {

    private static final String RUN = "bt-prefetch";

    @Test
    void reads_every_kind_of_record_the_encoder_takes_without_a_failure() {
        // one record at a time, where nothing is caught: a part it could not read would throw here
        List<CycleRecord> records = List.of(SampleCycles.warmup(RUN, 1), SampleCycles.traded(RUN, 2),
                SampleCycles.accepted(RUN, 3, 100), SampleCycles.rejected(RUN, 4), SampleCycles.failed(RUN, 5),
                SampleCycles.idle(RUN, 6), noFeatures(7));

        for (CycleRecord r : records) {
            assertThatCode(() -> RecordPrefetch.touch(r)).as(r.status() + " " + r.composeId())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void never_runs_a_rationale_so_a_runaway_one_stays_the_encoders_to_report() {
        // each rationale throws an Error when read, which no catch here would stop: only the encoder reads it, and
        // counts the record as not written
        CycleRecord lazyText =
                SampleCycles.withThrowingRationale(SampleCycles.traded(RUN, 1), new StackOverflowError());
        CycleRecord traded = SampleCycles.traded(RUN, 2);
        CycleRecord patterned = new CycleRecord(traded.composeId(), RUN, traded.strategyId(), 2, traded.ts(),
                traded.status(), traded.versions(), traded.context(),
                ComposeResult.lazy(traded.decision().instructions(), new RunawayValues()), traded.verdicts(),
                traded.txResults(), traded.closedTrades(), traded.portfolioAfter(), traded.timings(), null);

        assertThatCode(() -> RecordPrefetch.touch(lazyText)).doesNotThrowAnyException();
        assertThatCode(() -> RecordPrefetch.touch(patterned)).doesNotThrowAnyException();
    }

    @Test
    void reads_only_the_records_counted() {
        CycleRecord[] open = new CycleRecord[BlockRecorder.BLOCK_CYCLES];
        open[0] = SampleCycles.traded(RUN, 1);
        open[1] = SampleCycles.idle(RUN, 2);
        open[2] = SampleCycles.traded(RUN, 3);   // not counted: the fold must not change with it

        assertThat(RecordPrefetch.touch(open, 2)).isEqualTo(RecordPrefetch.touch(Arrays.copyOf(open, 2), 2))
                .isEqualTo(RecordPrefetch.touch(open[0]) + RecordPrefetch.touch(open[1]));
    }

    /** A rationale given as a pattern and its numbers whose every method fails as a runaway composer's could. */
    private static final class RunawayValues implements RationaleValues {
        @Override
        public String pattern() {
            throw new StackOverflowError();
        }

        @Override
        public int count() {
            throw new StackOverflowError();
        }

        @Override
        public double value(int index) {
            throw new StackOverflowError();
        }

        @Override
        public String get() {
            throw new StackOverflowError();
        }
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
