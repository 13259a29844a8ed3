package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CycleRecordTest {

    private static final StageTimings TIMINGS = new StageTimings(new long[CycleStep.values().length]);
    private static final CycleError ERROR = new CycleError(CycleStep.DECISION, "composer threw", "java.lang.IllegalStateException");
    private static final TradeInstruction BUY = TradeInstruction.buy("ORCL", 1).withId("c1-0");

    private static CycleRecord record(long sequence, CycleStatus status, List<TxResult> txs, CycleError error) {
        return new CycleRecord("c1", "run1", "sma", sequence, 0, status, List.of(), null, null, List.of(), txs,
                List.of(), null, TIMINGS, error);
    }

    @Test
    void a_failed_cycle_carries_its_error() {
        assertThat(record(1, CycleStatus.FAILED, List.of(), ERROR).error()).isEqualTo(ERROR);
    }

    @Test
    void a_failed_cycle_without_an_error_is_refused() {
        assertThatThrownBy(() -> record(1, CycleStatus.FAILED, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FAILED")
                .hasMessageContaining("error");
    }

    @ParameterizedTest
    @EnumSource(value = CycleStatus.class, names = "FAILED", mode = EnumSource.Mode.EXCLUDE)
    void only_a_failed_cycle_may_have_an_error(CycleStatus status) {
        assertThat(record(1, status, List.of(), null).error()).isNull();
        assertThatThrownBy(() -> record(1, status, List.of(), ERROR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("error");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void the_sequence_starts_at_one(long bad) {
        assertThatThrownBy(() -> record(bad, CycleStatus.IDLE, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence");
    }

    @Test
    void the_lists_are_copied_and_unmodifiable() {
        List<TxResult> txs = new ArrayList<>(List.of(TxResult.accepted(BUY, 0)));
        CycleRecord r = record(1, CycleStatus.TRADED, txs, null);
        txs.clear();
        assertThat(r.txResults()).hasSize(1);
        assertThatThrownBy(() -> r.txResults().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.versions().add(new ComponentVersion("features", "sma", "builtin", "1", "")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_blank_ids_naming_the_field() {
        assertThatThrownBy(() -> new CycleRecord(" ", "run1", "sma", 1, 0, CycleStatus.IDLE, List.of(), null, null,
                List.of(), List.of(), List.of(), null, TIMINGS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("composeId");
        assertThatThrownBy(() -> new CycleRecord("c1", "", "sma", 1, 0, CycleStatus.IDLE, List.of(), null, null,
                List.of(), List.of(), List.of(), null, TIMINGS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runId");
        assertThatThrownBy(() -> new CycleRecord("c1", "run1", "", 1, 0, CycleStatus.IDLE, List.of(), null, null,
                List.of(), List.of(), List.of(), null, TIMINGS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategyId");
    }

    @Test
    void rejects_a_null_status_or_timings() {
        assertThatThrownBy(() -> record(1, null, List.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("status");
        assertThatThrownBy(() -> new CycleRecord("c1", "run1", "sma", 1, 0, CycleStatus.IDLE, List.of(), null, null,
                List.of(), List.of(), List.of(), null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("timings");
    }

    @Test
    void has_fills_only_when_a_result_is_a_fill() {
        assertThat(record(1, CycleStatus.TRADED, List.of(TxResult.accepted(BUY, 0)), null).hasFills()).isFalse();
        assertThat(record(1, CycleStatus.IDLE, List.of(TxResult.filled(BUY, 10, 0, 0)), null).hasFills()).isTrue();
    }

    @Test
    void has_activity_when_it_traded_rejected_failed_or_settled_a_fill() {
        assertThat(record(1, CycleStatus.IDLE, List.of(), null).hasActivity()).isFalse();
        assertThat(record(1, CycleStatus.WARMUP, List.of(), null).hasActivity()).isFalse();
        assertThat(record(1, CycleStatus.TRADED, List.of(), null).hasActivity()).isTrue();
        assertThat(record(1, CycleStatus.REJECTED, List.of(), null).hasActivity()).isTrue();
        assertThat(record(1, CycleStatus.FAILED, List.of(), ERROR).hasActivity()).isTrue();
        assertThat(record(1, CycleStatus.IDLE, List.of(TxResult.filled(BUY, 10, 0, 0)), null).hasActivity()).isTrue();
    }
}
