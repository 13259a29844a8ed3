package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.RationaleValues;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Format 4: a rationale given as a pattern and its numbers is stored so, and reads back as the same text. */
class BlockFormat4Test {

    /** A rationale as values, with a pattern kept as one object, as a composer keeps it. */
    private record Values(String pattern, double... numbers) implements RationaleValues {
        @Override
        public int count() {
            return numbers.length;
        }

        @Override
        public double value(int index) {
            return numbers[index];
        }
    }

    private static CycleRecord with(CycleRecord r, ComposeResult decision) {
        return new CycleRecord(r.composeId(), r.runId(), r.strategyId(), r.sequence(), r.ts(), r.status(),
                r.versions(), r.context(), decision, r.verdicts(), r.txResults(), r.closedTrades(), r.portfolioAfter(),
                r.timings(), r.error());
    }

    private static List<CycleRecord> roundTrip(List<CycleRecord> records) {
        return CycleBlockCodec.decode(CycleBlockCodec.FORMAT, CycleBlockCodec.encode(records), "t");
    }

    @Test
    void a_rationale_as_values_reads_back_as_its_text_in_fewer_bytes() {
        String pattern = "ORCL: sma_10 {} crossed above sma_30 {}: buy {} ({{as planned})";
        List<CycleRecord> asValues = new java.util.ArrayList<>();
        List<CycleRecord> asText = new java.util.ArrayList<>();
        for (int seq = 1; seq <= 40; seq++) {
            CycleRecord r = SampleCycles.idle("bt-f4", seq);
            Values values = new Values(pattern, 12.9 + seq / 100.0, 12.7, 100);
            asValues.add(with(r, ComposeResult.lazy(List.of(), values)));
            asText.add(with(r, new ComposeResult(List.of(), values.get())));
        }

        List<CycleRecord> back = roundTrip(asValues);

        assertThat(back).isEqualTo(asText);   // a result equals another with the same instructions and text
        assertThat(back.getFirst().decision().rationale())
                .isEqualTo("ORCL: sma_10 12.91 crossed above sma_30 12.7: buy 100 ({as planned})");
        assertThat(CycleBlockCodec.encode(asValues).length).isLessThan(CycleBlockCodec.encode(asText).length);
    }

    @Test
    void values_that_do_not_agree_with_their_pattern_are_stored_as_the_text_they_give() {
        CycleRecord r = SampleCycles.idle("bt-f4", 1);
        RationaleValues throwing = new RationaleValues() {
            @Override
            public String pattern() {
                return "x {}";
            }

            @Override
            public int count() {
                return 1;
            }

            @Override
            public double value(int index) {
                throw new IllegalStateException("no value");
            }
        };
        List<CycleRecord> records = List.of(with(r, ComposeResult.lazy(List.of(), new Values("two {} {}", 1))),
                with(SampleCycles.idle("bt-f4", 2), ComposeResult.lazy(List.of(), throwing)));

        List<CycleRecord> back = roundTrip(records);

        assertThat(back.get(0).decision().rationale()).startsWith("(the rationale could not be written: ")
                .contains("2 slots for 1 numbers");
        assertThat(back.get(1).decision().rationale()).contains("no value");
    }

    @Test
    void a_rationale_pattern_that_does_not_match_its_count_is_an_error_naming_the_byte() {
        CycleRecord r = with(SampleCycles.idle("bt-f4", 1), ComposeResult.lazy(List.of(), new Values("p {} {}", 1, 2)));
        byte[] payload = CycleBlockCodec.encode(List.of(r));
        String text = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("p {} {}");
        payload[at + 6] = 'x';   // "p {} {x": one slot for two numbers

        assertThatThrownBy(() -> CycleBlockCodec.decode(CycleBlockCodec.FORMAT, payload, "bt-f4 from 1"))
                .hasMessageContaining("cycle block bt-f4 from 1 is not readable")
                .hasRootCauseMessage("a rationale pattern of 1 slots for 2 numbers at byte " + (at - 2));
    }

    @Test
    void a_digest_entry_list_repeated_is_written_once_and_reads_back_in_every_record() {
        List<TradeDigestEntry> entries = List.of(new TradeDigestEntry("ORCL", 3, 412.75, 2.0 / 3, 86_400_000, 5));
        List<CycleRecord> records = new java.util.ArrayList<>();
        for (int seq = 1; seq <= 6; seq++) {
            CycleRecord r = SampleCycles.idle("bt-f4", seq);
            ComposeContext c = r.context();
            // the same list object twice, then an equal copy, then a new list: each reads back as written
            List<TradeDigestEntry> list = seq <= 2 ? entries
                    : seq <= 4 ? List.copyOf(new java.util.ArrayList<>(entries))
                    : List.of(new TradeDigestEntry("ORCL", 4, 500, 0.75, 86_400_000, seq));
            ComposeContext withDigest = new ComposeContext(c.ts(), c.composeId(), c.strategyId(), c.features(),
                    c.portfolio(), new TradeDigest(c.ts(), list, 0.5 + seq), c.mode());
            records.add(new CycleRecord(r.composeId(), r.runId(), r.strategyId(), r.sequence(), r.ts(), r.status(),
                    r.versions(), withDigest, r.decision(), r.verdicts(), r.txResults(), r.closedTrades(),
                    r.portfolioAfter(), r.timings(), r.error()));
        }

        assertThat(roundTrip(records)).isEqualTo(records);
        List<CycleRecord> once = List.of(records.get(0), records.get(1));
        assertThat(CycleBlockCodec.encode(once).length - CycleBlockCodec.encode(once.subList(0, 1)).length)
                .as("the second record's entries are a byte").isLessThan(CycleBlockCodec.encode(once.subList(0, 1))
                        .length);
    }

    @Test
    void a_block_written_in_format_3_still_reads() throws IOException {
        byte[] payload = SampleCycles.fixture("block-format3.hex");
        // written by the format 3 encoder (BlockEncoder at 23fda6f) from these records: if SampleCycles changes,
        // write the fixture again from the changed records with that encoder
        List<CycleRecord> expected = List.of(SampleCycles.traded("bt-format3", 1), SampleCycles.warmup("bt-format3", 2),
                SampleCycles.failed("bt-format3", 3), SampleCycles.idle("bt-format3", 4),
                SampleCycles.rejected("bt-format3", 5), SampleCycles.traded("bt-format3", 6),
                SampleCycles.accepted("bt-format3", 7, 100), SampleCycles.accepted("bt-format3", 8, 100));

        assertThat(CycleBlockCodec.decode(CycleBlockCodec.FORMAT_3, payload, "bt-format3 from 1")).isEqualTo(expected);
    }
}
