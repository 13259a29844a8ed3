package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.StageTimings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Format 2 of the block payload: compact numbers, portfolio references, untimed cycles; format 1 still reads. */
class BlockFormat2Test {

    @Property(tries = 2000)
    void any_double_comes_back_bit_for_bit(@ForAll long bits, @ForAll long unscaled, @ForAll @IntRange(max = 12) int k) {
        double decimal = (unscaled % (1L << 54)) / Math.pow(10, k);
        double[] values = {Double.longBitsToDouble(bits), decimal, decimal, -decimal, Math.nextUp(decimal)};
        double[] back = roundTrip(values);
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(back[i])).as("value %s", values[i])
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
    }

    @Test
    void prices_quantities_and_cash_take_their_digits_not_eight_bytes() {
        assertThat(BlockEncoder.decimals(100.0)).isZero();
        assertThat(BlockEncoder.decimals(2.872681)).isEqualTo(6);
        assertThat(BlockEncoder.decimals(100_122.3274)).isEqualTo(4);
        assertThat(BlockEncoder.decimals(0.1 + 0.2)).isEqualTo(-1);
        assertThat(BlockEncoder.decimals(-0.0)).isEqualTo(-1);
        assertThat(BlockEncoder.decimals(1e300)).isEqualTo(-1);

        List<CycleRecord> many = java.util.stream.LongStream.rangeClosed(1, 100)
                .mapToObj(seq -> SampleCycles.traded("bt-codec", seq)).toList();
        // format 1 (every double 8 bytes) wrote this block in 76,969 bytes: 769 a record; format 2 in 449
        byte[] payload = CycleBlockCodec.encode(many);
        assertThat(payload.length / 100).isLessThan(500);
        assertThat(CycleBlockCodec.decode(CycleBlockCodec.FORMAT, payload, "t")).isEqualTo(many);
    }

    @Test
    void ids_written_after_their_run_id_come_back_when_runs_share_a_block_and_one_run_id_starts_another() {
        // "bt-1"'s compose ids ("bt-1-7") and "bt-12"'s ("bt-12-8") both start with "bt-1"
        List<CycleRecord> block = List.of(SampleCycles.traded("bt-1", 7), SampleCycles.traded("bt-12", 8),
                SampleCycles.traded("bt-1", 9), SampleCycles.idle("bt-12", 10), SampleCycles.traded("bt-\u00e9", 11),
                SampleCycles.traded("bt-\u00e9", 12));

        assertThat(CycleBlockCodec.decode(CycleBlockCodec.FORMAT, CycleBlockCodec.encode(block), "t"))
                .isEqualTo(block);
    }

    @Test
    void a_portfolio_written_again_is_a_reference_and_an_untimed_cycle_has_no_step_times() {
        CycleRecord base = SampleCycles.traded("bt-codec", 3);
        PortfolioView same = base.portfolioAfter();
        ComposeContext c = base.context();
        CycleRecord record = new CycleRecord(base.composeId(), base.runId(), base.strategyId(), base.sequence(),
                base.ts(), base.status(), base.versions(),
                new ComposeContext(c.ts(), c.composeId(), c.strategyId(), c.features(), same, c.digest(), c.mode()),
                base.decision(), base.verdicts(), base.txResults(), base.closedTrades(), same, StageTimings.NONE, null);
        CycleRecord copied = new CycleRecord(record.composeId(), record.runId(), record.strategyId(),
                record.sequence(), record.ts(), record.status(), record.versions(), record.context(), record.decision(),
                record.verdicts(), record.txResults(), record.closedTrades(),
                new PortfolioView(same.ts(), same.cash(), same.equity(), same.grossExposure(), same.netExposure(),
                        same.realizedPnl(), same.fees(), same.positions(), same.constraints()),
                StageTimings.NONE, null);

        byte[] payload = CycleBlockCodec.encode(List.of(record));
        CycleRecord back = CycleBlockCodec.decode(CycleBlockCodec.FORMAT, payload, "t").getFirst();

        assertThat(back).isEqualTo(record);
        assertThat(back.portfolioAfter()).isSameAs(back.context().portfolio());
        assertThat(back.timings()).isEqualTo(StageTimings.NONE);
        assertThat(payload.length).isLessThan(CycleBlockCodec.encode(List.of(copied)).length);
    }

    @Test
    void a_block_written_in_format_1_still_reads() throws IOException {
        byte[] payload = SampleCycles.fixture("block-format1.hex");
        // written by the format 1 encoder (Stratagem at 1affef1) from these records: if SampleCycles changes,
        // write the fixture again from the changed records with the format 1 encoder (BlockEncoder at 1affef1)
        List<CycleRecord> expected = List.of(SampleCycles.traded("bt-format1", 1), SampleCycles.warmup("bt-format1", 2),
                SampleCycles.failed("bt-format1", 3));

        assertThat(CycleBlockCodec.decode(CycleBlockCodec.FORMAT_1, payload, "bt-format1 from 1")).isEqualTo(expected);
    }

    @Test
    void a_record_that_throws_while_it_is_read_leaves_the_block_as_it_was() {
        CycleRecord first = SampleCycles.traded("bt-rollback", 1);
        // read up to its rationale: its instruction ids and other new strings are in the block's table by then, and
        // its versions (equal, but another list) are the ones the encoder would copy next
        CycleRecord other = SampleCycles.traded("bt-rollback-other", 2);
        CycleRecord bad = SampleCycles.withThrowingRationale(new CycleRecord(other.composeId(), other.runId(),
                other.strategyId(), other.sequence(), other.ts(), other.status(), new ArrayList<>(other.versions()),
                other.context(), other.decision(), other.verdicts(), other.txResults(), other.closedTrades(),
                other.portfolioAfter(), other.timings(), other.error()), new StackOverflowError("runaway rationale"));
        // a run id longer than the failed record's: its bytes overwrite where that record's versions were
        CycleRecord next = SampleCycles.idle("bt-rollback-a-run-whose-id-is-longer-than-the-failed-one", 3);
        CycleRecord second = SampleCycles.idle("bt-rollback", 2); // its versions, all known, are copied from here on
        BlockEncoder encoder = new BlockEncoder();
        encoder.start();
        encoder.add(first);
        encoder.add(second);
        assertThatThrownBy(() -> encoder.add(bad)).isInstanceOf(StackOverflowError.class);
        encoder.add(next);

        assertThat(encoder.count()).isEqualTo(3);
        assertThat(encoder.finish()).isEqualTo(new BlockEncoder().encode(List.of(first, second, next)));
    }

    private static double[] roundTrip(double[] values) {
        CycleRecord base = SampleCycles.traded("bt-codec", 5);
        ComposeContext c = base.context();
        List<String> names = java.util.stream.IntStream.range(0, values.length).mapToObj(i -> "v" + i).toList();
        CycleRecord record = new CycleRecord(base.composeId(), base.runId(), base.strategyId(), base.sequence(),
                base.ts(), base.status(), base.versions(),
                new ComposeContext(c.ts(), c.composeId(), c.strategyId(),
                        List.of(new FeatureVector("ORCL", c.ts(), names, values)), c.portfolio(), c.digest(), c.mode()),
                base.decision(), base.verdicts(), base.txResults(), base.closedTrades(), base.portfolioAfter(),
                base.timings(), null);
        CycleRecord back = CycleBlockCodec.decode(CycleBlockCodec.FORMAT, CycleBlockCodec.encode(List.of(record)), "t")
                .getFirst();
        assertThat(back).isEqualTo(record);
        return back.context().features().getFirst().values();
    }
}
