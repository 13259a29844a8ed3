package dev.stratagem.runtime.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.runtime.cycle.ComposeId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which kept state a batch of records is stored with: the watermark, whatever order the records come in. */
class UnstoredStatesTest {

    /** Cycle {@code seq} of run r (only its run and number count here). */
    private static CycleRecord c(long seq) {
        return RiskEngineCycles.failed("s", seq, seq);
    }

    /** Keeps the state of cycles 1..n as updates 1..n. */
    private static UnstoredStates kept(int n) {
        UnstoredStates states = new UnstoredStates();
        for (int i = 1; i <= n; i++) {
            states.keep(new ComposeId("r", i), new PortfolioBreakerState(i, "r-" + i, "s=r", i, BreakerState.ACTIVE,
                    1, 1, 0, 1, null));
        }
        return states;
    }

    private static Long update(PortfolioBreakerState s) {
        return s == null ? null : s.update();
    }

    @Test
    void a_batch_is_stored_with_the_latest_state_whose_earlier_updates_are_all_of_stored_records() {
        UnstoredStates states = kept(4);
        List<CycleRecord> second = List.of(c(2), c(4));
        assertThat(states.storableWith(second)).as("update 1's record is not stored").isNull();
        states.stored(second, null);

        List<CycleRecord> first = List.of(c(1));
        assertThat(update(states.storableWith(first))).as("1 and 2 stored, 3 not").isEqualTo(2);
        states.stored(first, states.storableWith(first));

        List<CycleRecord> third = List.of(c(3));
        assertThat(update(states.storableWith(third))).as("4 was stored before").isEqualTo(4);
        states.stored(third, states.storableWith(third));
        assertThat(states.unstored()).isZero();
        assertThat(states.storableWith(List.of(c(5)))).isNull();
    }

    @Test
    void a_record_that_will_not_be_stored_no_longer_holds_the_others_back() {
        UnstoredStates states = kept(3);
        states.forget(new ComposeId("r", 1));
        assertThat(update(states.storableWith(List.of(c(2), c(3))))).isEqualTo(3);
        assertThat(states.unstored()).isEqualTo(2);
    }

    @Test
    void a_state_whose_record_never_comes_is_dropped_once_it_is_the_limit_of_updates_old() {
        UnstoredStates states = kept(1);   // its record will never be stored
        PortfolioBreakerState last = null;
        int updates = UnstoredStates.LIMIT + UnstoredStates.LOOK_EVERY + 100;
        for (int i = 2; i <= updates; i++) {
            states.keep(new ComposeId("r", i), new PortfolioBreakerState(i, "r-" + i, "s=r", i, BreakerState.ACTIVE,
                    1, 1, 0, 1, null));
            List<CycleRecord> batch = List.of(c(i));
            PortfolioBreakerState with = states.storableWith(batch);
            states.stored(batch, with);
            if (with != null) {
                last = with;
            }
        }
        assertThat(update(last)).isEqualTo((long) updates);
        assertThat(states.unstored()).isZero();
        assertThat(states.kept()).isZero();
    }

    @Test
    void a_resets_state_is_stored_once_its_transition_is_recorded_with_the_first_batch_whose_watermark_passes_it() {
        UnstoredStates states = kept(2);
        states.keepReset(new PortfolioBreakerState(3, null, "s=r", 2, BreakerState.ACTIVE, 1, 1, 0, 1, null));
        assertThat(update(states.storableWith(List.of(c(2))))).as("1 not stored").isNull();
        states.stored(List.of(c(2)), null);
        PortfolioBreakerState first = states.storableWith(List.of(c(1)));
        assertThat(update(first)).as("the reset's transition not recorded yet").isEqualTo(2);
        states.stored(List.of(c(1)), first);
        states.resetRecorded(3);
        assertThat(update(states.storableWith(List.of()))).isEqualTo(3);
    }

    @Test
    void a_batchs_updates_after_the_state_it_is_stored_with_go_in_with_it() {
        UnstoredStates states = kept(3);
        PortfolioView after = new PortfolioView(0, 9_000, 9_000, 0, 0, 0, 0, List.of(), Constraints.NONE);
        List<CycleRecord> batch = List.of(RiskEngineCycles.cycle("s", 3, 30, after),
                RiskEngineCycles.cycle("s", 1, 10, after));   // 2 not stored yet
        PortfolioBreakerState with = states.storableWith(batch);
        assertThat(update(with)).isEqualTo(1);
        assertThat(states.updatesAfter(batch, with)).singleElement().isEqualTo(new BreakerUpdate(3, "r-3", "s", 30,
                9_000));
        assertThat(states.updatesAfter(List.of(c(2)), null)).as("no portfolio after it: no update").isEmpty();
    }
}
