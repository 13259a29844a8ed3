package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.CycleRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleJsonTest {

    private static final List<CycleRecord> SAMPLES = List.of(
            SampleCycles.warmup("r1", 1), SampleCycles.traded("r1", 7), SampleCycles.rejected("r1", 8),
            SampleCycles.failed("r1", 9), SampleCycles.idle("r1", 10));

    @Test
    void every_kind_of_cycle_record_round_trips_to_an_equal_record() {
        for (CycleRecord record : SAMPLES) {
            assertThat(CycleJson.fromJson(CycleJson.toJson(record))).isEqualTo(record);
        }
    }

    @Test
    void the_run_mode_round_trips_and_a_record_written_before_it_existed_gets_its_runs_mode() {
        CycleRecord paper = SampleCycles.traded("pp-20260101T000000-abc", 7);
        String json = CycleJson.toJson(paper);
        assertThat(json).contains("\"mode\":\"PAPER\"");

        String legacy = json.replace(",\"mode\":\"PAPER\"", "");
        assertThat(legacy).doesNotContain("\"mode\":");
        assertThat(CycleJson.fromJson(legacy)).isEqualTo(paper);
        CycleRecord backtest = SampleCycles.idle("bt-20260101T000000-abc", 3);
        assertThat(CycleJson.fromJson(CycleJson.toJson(backtest).replace(",\"mode\":\"BACKTEST\"", "")))
                .isEqualTo(backtest);
    }

    @Test
    void a_stored_mode_is_kept_however_the_json_was_reformatted() throws Exception {
        CycleRecord paper = SampleCycles.traded("r1", 7); // a run id that does not tell the mode
        // PostgreSQL's JSONB normalizes the text to {"a": 1, "b": 2}; a pretty printer writes {"a" : 1}
        String jsonb = CycleJson.toJson(paper).replace("\":", "\": ").replace(",\"", ", \"");
        String pretty = CycleJson.MAPPER.readTree(CycleJson.toJson(paper)).toPrettyString();
        assertThat(jsonb).contains("\"mode\": \"PAPER\"");
        assertThat(pretty).contains("\"mode\" : \"PAPER\"");

        assertThat(CycleJson.fromJson(jsonb)).isEqualTo(paper);
        assertThat(CycleJson.fromJson(pretty)).isEqualTo(paper);
        assertThat(CycleJson.fromJson(jsonb.replace(", \"mode\": \"PAPER\"", "")).context().mode())
                .as("a record without a mode still gets its run's").isEqualTo(dev.stratagem.api.RunMode.BACKTEST);
    }

    @Test
    void NaN_and_infinity_are_written_as_strings_and_read_back_as_doubles() {
        CycleRecord warmup = SampleCycles.warmup("r1", 1);
        String json = CycleJson.toJson(warmup);

        assertThat(json).contains("\"NaN\"").contains("\"Infinity\"").doesNotContain(":NaN").doesNotContain(",NaN");
        CycleRecord back = CycleJson.fromJson(json);
        assertThat(back.context().features().getFirst().get("sma_30")).isNaN();
        assertThat(back.portfolioAfter().constraints().maxOrderNotional()).isInfinite();
    }

    @Test
    void derived_accessors_are_not_written_as_properties() {
        String json = CycleJson.toJson(SampleCycles.traded("r1", 7));

        assertThat(json).doesNotContain("\"open\"", "\"long\"", "\"total\"", "\"leverage\"", "\"hasFills\"",
                "\"activity\"", "\"holdingMillis\"", "\"signedQuantity\"");
        assertThat(json).contains("\"exitPrice\":13.05", "\"nanos\":[");
    }

    @Test
    void a_closed_trade_with_an_exact_double_survives_unchanged() {
        CycleRecord traded = SampleCycles.traded("r1", 7);

        CycleRecord back = CycleJson.fromJson(CycleJson.toJson(traded));

        assertThat(back.portfolioAfter().equity()).isEqualTo(100_000.0 + 0.1 + 0.2);
        assertThat(back.txResults().getFirst().fee()).isEqualTo(1.3150000000000002);
    }

    @Test
    void text_that_is_not_a_cycle_record_is_refused_with_a_reason() {
        assertThatThrownBy(() -> CycleJson.fromJson("{\"composeId\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a cycle record");
    }
}
