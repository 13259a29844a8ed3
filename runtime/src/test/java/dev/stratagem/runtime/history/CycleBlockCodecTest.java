package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.StageTimings;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The block payload gives back exactly what it was given, and says where a damaged one stops making sense. */
class CycleBlockCodecTest {

    @Test
    void extreme_numbers_and_any_text_come_back_bit_for_bit() {
        CycleRecord base = SampleCycles.traded("bt-codec", 7);
        ComposeContext c = base.context();
        FeatureVector odd = new FeatureVector("東証:7203", Long.MIN_VALUE + 1, List.of("-0", "nan", "+inf", "-inf", "tiny"),
                new double[] {-0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE});
        long[] nanos = new long[base.timings().nanos().length];
        Arrays.fill(nanos, Long.MAX_VALUE);
        nanos[0] = 0;
        CycleRecord extreme = new CycleRecord(base.composeId(), base.runId(), base.strategyId(), Long.MAX_VALUE,
                Long.MIN_VALUE, base.status(), base.versions(),
                new ComposeContext(c.ts(), c.composeId(), c.strategyId(), List.of(odd), c.portfolio(), c.digest(), c.mode()),
                new ComposeResult(base.decision().instructions(), "why: \u00e9\u00e8 \ud83d\udcc8 \"quoted\"\n\ttabbed \u0000 nul"
                        + " and a cut emoji \ud83d"),
                base.verdicts(), base.txResults(), base.closedTrades(), base.portfolioAfter(), new StageTimings(nanos),
                null);
        List<CycleRecord> block = List.of(extreme, SampleCycles.warmup("bt-codec", 8), SampleCycles.failed("bt-codec", 9));

        List<CycleRecord> back = CycleBlockCodec.decode(CycleBlockCodec.FORMAT, CycleBlockCodec.encode(block), "t");

        assertThat(back).isEqualTo(block);
        double[] values = back.getFirst().context().features().getFirst().values();
        assertThat(Double.doubleToRawLongBits(values[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void repeated_strings_are_stored_once_per_block() {
        List<CycleRecord> one = List.of(SampleCycles.traded("bt-codec", 1));
        List<CycleRecord> many = java.util.stream.LongStream.rangeClosed(1, 100)
                .mapToObj(seq -> SampleCycles.traded("bt-codec", seq)).toList();
        int first = CycleBlockCodec.encode(one).length;
        // what stays per record is its own ids (cycle, orders, trade) and numbers: ~35% less than alone
        assertThat(CycleBlockCodec.encode(many).length).isLessThan(first * 100 * 7 / 10);
    }

    @Test
    void a_truncated_or_padded_block_is_refused_with_where_it_broke() {
        byte[] payload = CycleBlockCodec.encode(List.of(SampleCycles.traded("bt-codec", 1)));
        assertThatThrownBy(() -> CycleBlockCodec.decode(CycleBlockCodec.FORMAT,
                Arrays.copyOf(payload, payload.length - 5), "bt-codec from 1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle block bt-codec from 1 is not readable").hasMessageContaining("ends early");
        assertThatThrownBy(() -> CycleBlockCodec.decode(CycleBlockCodec.FORMAT,
                Arrays.copyOf(payload, payload.length + 3), "bt-codec from 1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 bytes left after the last record");
    }

    @Test
    void a_damaged_count_fails_before_it_allocates_for_it() {
        byte[] payload = CycleBlockCodec.encode(List.of(SampleCycles.traded("bt-codec", 1)));
        payload[0] = (byte) 0xFE; // the record count becomes a huge varint
        payload[1] = (byte) 0xFF;
        payload[2] = (byte) 0x7F;
        assertThatThrownBy(() -> CycleBlockCodec.decode(CycleBlockCodec.FORMAT, payload, "bt-codec from 1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bytes left");
    }
}
