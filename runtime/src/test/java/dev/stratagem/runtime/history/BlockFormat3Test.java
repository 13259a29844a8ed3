package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.VerdictOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Format 3 of the block payload: what a run repeats from one recorded cycle to the next (an order every check
 * accepted, the feature names, the constraints) is a reference; formats 2 and 1 still read.
 */
class BlockFormat3Test {

    @Test
    void an_order_every_check_accepted_unchanged_is_the_template_again_with_its_id_and_quantity() {
        List<CycleRecord> orders = LongStream.rangeClosed(1, 50)
                .mapToObj(seq -> SampleCycles.accepted("bt-template", seq, 100 + seq % 3)).toList();

        byte[] payload = CycleBlockCodec.encode(orders);
        List<CycleRecord> back = decode(payload);

        assertThat(back).isEqualTo(orders);
        // the same orders, each with a note on another check than the order before: each list is written in full
        List<CycleRecord> full = orders.stream().map(r -> withVerdicts(r, r.verdicts().stream()
                .map(v -> v.check().equals(SampleCycles.CHECKS.get((int) (r.sequence() % 12))) ? noted(v) : v)
                .toList())).toList();
        byte[] fullPayload = CycleBlockCodec.encode(full);
        assertThat(decode(fullPayload)).isEqualTo(full);
        // twelve verdicts in full are at least six bytes each (three string references, two numbers, a reason)
        assertThat((fullPayload.length - payload.length) / orders.size()).isGreaterThan(12 * 5);
    }

    @Test
    void a_verdict_list_that_does_not_fit_the_template_is_written_in_full_and_the_template_stays() {
        CycleRecord first = SampleCycles.accepted("bt-template", 1, 100);
        CycleRecord clamped = withVerdicts(SampleCycles.accepted("bt-template", 2, 100),
                SampleCycles.accepted("bt-template", 2, 100).verdicts().stream()
                        .map(v -> v.check().equals("max-position")
                                ? new GuardrailVerdict(v.instructionId(), v.check(), VerdictOutcome.CLAMPED, 100, 60,
                                        "clamped to 60")
                                : v)
                        .toList());
        CycleRecord fewer = withVerdicts(SampleCycles.accepted("bt-template", 3, 100),
                SampleCycles.accepted("bt-template", 3, 100).verdicts().subList(0, 4));
        CycleRecord reordered = withVerdicts(SampleCycles.accepted("bt-template", 4, 100),
                SampleCycles.accepted("bt-template", 4, 100).verdicts().reversed());
        CycleRecord again = SampleCycles.accepted("bt-template", 5, 250);
        List<CycleRecord> block = List.of(first, clamped, fewer, reordered, again, SampleCycles.traded("bt-template", 6),
                SampleCycles.rejected("bt-template", 7), SampleCycles.accepted("bt-template", 8, 1));

        assertThat(decode(CycleBlockCodec.encode(block))).isEqualTo(block);
    }

    @Test
    void feature_names_and_constraints_written_again_are_references_and_a_change_is_written_in_full() {
        Constraints other = new Constraints(10, 1_000, 500, 1.0, 1, true);
        List<CycleRecord> block = new ArrayList<>();
        for (long seq = 1; seq <= 12; seq++) {
            CycleRecord r = SampleCycles.idle("bt-refs", seq);
            // a pipeline whose names change mid-block (a reload), constraints changed by the operator
            block.add(seq % 4 == 0 ? withNames(r, List.of("close", "ema_12")) : r);
            if (seq % 5 == 0) {
                block.add(withConstraints(SampleCycles.idle("bt-refs", seq + 100), other));
            }
        }

        assertThat(decode(CycleBlockCodec.encode(block))).isEqualTo(block);
        // one new record in a block of those records costs fewer bytes than the same record alone
        CycleRecord one = SampleCycles.idle("bt-refs", 99);
        List<CycleRecord> withOne = new ArrayList<>(block);
        withOne.add(one);
        int added = CycleBlockCodec.encode(withOne).length - CycleBlockCodec.encode(block).length;
        assertThat(added).isLessThan(CycleBlockCodec.encode(List.of(one)).length / 2);
    }

    @Test
    void a_record_s_other_times_are_differences_from_its_own_and_come_back_at_any_distance() {
        CycleRecord base = SampleCycles.traded("bt-times", 4);
        PortfolioView p = base.portfolioAfter();
        PositionSnapshot s = p.positions().getFirst();
        // a position opened at the far ends of time: the difference wraps, and wraps back
        List<CycleRecord> block = new ArrayList<>();
        for (long openedAt : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, base.ts()}) {
            PortfolioView far = new PortfolioView(p.ts(), p.cash(), p.equity(), p.grossExposure(), p.netExposure(),
                    p.realizedPnl(), p.fees(), List.of(new PositionSnapshot(s.symbol(), s.quantity(), s.averagePrice(),
                            s.markPrice(), s.unrealizedPnl(), openedAt)), p.constraints());
            block.add(withContext(base, base.context(), far));
        }

        assertThat(decode(CycleBlockCodec.encode(block))).isEqualTo(block);
    }

    @Property(tries = 300)
    void doubles_written_again_a_few_fields_later_come_back_bit_for_bit(@ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        // a pool small enough that the recent slots hit, collide and are overwritten: NaNs with payloads, -0.0,
        // infinities, short decimals and doubles that are not
        double[] pool = new double[40];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = switch (i % 5) {
                case 0 -> Double.longBitsToDouble(0x7ff8000000000000L | random.nextInt(1 << 20));
                case 1 -> i % 2 == 0 ? -0.0 : Double.NEGATIVE_INFINITY;
                case 2 -> random.nextInt(10_000_000) / 1e6;
                default -> random.nextDouble() * 1e6;
            };
        }
        List<CycleRecord> block = new ArrayList<>();
        for (long seq = 1; seq <= 20; seq++) {
            double[] values = new double[10];
            for (int i = 0; i < values.length; i++) {
                values[i] = pool[random.nextInt(pool.length)];
            }
            CycleRecord r = SampleCycles.idle("bt-recent", seq);
            ComposeContext c = r.context();
            List<String> names = java.util.stream.IntStream.range(0, values.length).mapToObj(i -> "v" + i).toList();
            block.add(withContext(r, new ComposeContext(c.ts(), c.composeId(), c.strategyId(),
                    List.of(new FeatureVector("ORCL", c.ts(), names, values)), c.portfolio(), c.digest(), c.mode()),
                    r.portfolioAfter()));
        }

        List<CycleRecord> back = decode(CycleBlockCodec.encode(block));
        for (int k = 0; k < block.size(); k++) {
            double[] sent = block.get(k).context().features().getFirst().values();
            double[] got = back.get(k).context().features().getFirst().values();
            for (int i = 0; i < sent.length; i++) {
                assertThat(Double.doubleToRawLongBits(got[i])).as("record %d value %d", k, i)
                        .isEqualTo(Double.doubleToRawLongBits(sent[i]));
            }
        }
    }

    @Test
    void a_record_that_throws_leaves_the_names_constraints_and_recent_doubles_as_they_were() {
        CycleRecord first = SampleCycles.idle("bt-rollback", 1);
        CycleRecord bad = SampleCycles.withThrowingRationale(withConstraints(withNames(
                SampleCycles.traded("bt-rollback", 2), List.of("close", "atr_14")),
                new Constraints(1, 1, 1, 1, 1, true)), new StackOverflowError("runaway rationale"));
        CycleRecord next = SampleCycles.idle("bt-rollback", 3);
        BlockEncoder encoder = new BlockEncoder();
        encoder.start();
        encoder.add(first);
        assertThatThrownBy(() -> encoder.add(bad)).isInstanceOf(StackOverflowError.class);
        encoder.add(next);

        assertThat(encoder.finish()).isEqualTo(new BlockEncoder().encode(List.of(first, next)));
    }

    @Test
    void a_block_written_in_format_2_still_reads() throws IOException {
        byte[] payload = SampleCycles.fixture("block-format2.hex");
        // written by the format 2 encoder (Stratagem at 9702905) from these records: if SampleCycles changes,
        // write the fixture again from the changed records with the format 2 encoder (BlockEncoder at 9702905)
        List<CycleRecord> expected = List.of(SampleCycles.traded("bt-format2", 1), SampleCycles.warmup("bt-format2", 2),
                SampleCycles.failed("bt-format2", 3), SampleCycles.idle("bt-format2", 4),
                SampleCycles.rejected("bt-format2", 5), SampleCycles.traded("bt-format2", 6));

        assertThat(CycleBlockCodec.decode(CycleBlockCodec.FORMAT_2, payload, "bt-format2 from 1")).isEqualTo(expected);
    }

    @Test
    void a_template_reference_with_no_template_before_it_is_an_error_naming_the_byte() {
        byte[] payload = CycleBlockCodec.encode(List.of(SampleCycles.accepted("bt-bad", 1, 100),
                SampleCycles.accepted("bt-bad", 2, 100)));
        // the same bytes read as format 2 do not know the template byte
        assertThatThrownBy(() -> CycleBlockCodec.decode(CycleBlockCodec.FORMAT_2, payload, "bt-bad from 1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle block bt-bad from 1 is not readable");
        assertThatThrownBy(() -> CycleBlockCodec.decode(CycleBlockCodec.FORMAT + 1, payload, "bt-bad from 1"))
                .hasMessageContaining("has format " + (CycleBlockCodec.FORMAT + 1)
                        + "; this runtime reads formats 1 to " + CycleBlockCodec.FORMAT);
    }

    private static List<CycleRecord> decode(byte[] payload) {
        return CycleBlockCodec.decode(CycleBlockCodec.FORMAT, payload, "t");
    }

    private static GuardrailVerdict noted(GuardrailVerdict v) {
        return new GuardrailVerdict(v.instructionId(), v.check(), v.outcome(), v.quantityBefore(), v.quantityAfter(),
                "noted");
    }

    private static CycleRecord withVerdicts(CycleRecord r, List<GuardrailVerdict> verdicts) {
        return new CycleRecord(r.composeId(), r.runId(), r.strategyId(), r.sequence(), r.ts(), r.status(),
                r.versions(), r.context(), r.decision(), verdicts, r.txResults(), r.closedTrades(), r.portfolioAfter(),
                r.timings(), r.error());
    }

    private static CycleRecord withNames(CycleRecord r, List<String> names) {
        ComposeContext c = r.context();
        FeatureVector f = c.features().getFirst();
        double[] values = new double[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = f.value(i % f.names().size());
        }
        return withContext(r, new ComposeContext(c.ts(), c.composeId(), c.strategyId(),
                List.of(new FeatureVector(f.symbol(), f.ts(), names, values)), c.portfolio(), c.digest(), c.mode()),
                r.portfolioAfter());
    }

    private static CycleRecord withConstraints(CycleRecord r, Constraints constraints) {
        PortfolioView p = r.portfolioAfter();
        PortfolioView changed = new PortfolioView(p.ts(), p.cash(), p.equity(), p.grossExposure(), p.netExposure(),
                p.realizedPnl(), p.fees(), p.positions(), constraints);
        ComposeContext c = r.context();
        return withContext(r, new ComposeContext(c.ts(), c.composeId(), c.strategyId(), c.features(), changed,
                c.digest(), c.mode()), changed);
    }

    private static CycleRecord withContext(CycleRecord r, ComposeContext context, PortfolioView after) {
        return new CycleRecord(r.composeId(), r.runId(), r.strategyId(), r.sequence(), r.ts(), r.status(),
                r.versions(), context, r.decision(), r.verdicts(), r.txResults(), r.closedTrades(), after, r.timings(),
                r.error());
    }
}
