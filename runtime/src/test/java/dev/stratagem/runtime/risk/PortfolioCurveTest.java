package dev.stratagem.runtime.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioCurveTest {

    private static PortfolioCurve curve(long peakFrom, long dayFrom, long pausedAt, double pausedEquity) {
        return new PortfolioCurve(List.of("ra", "rb"), new double[] {100, 50}, peakFrom, dayFrom, pausedAt,
                pausedEquity);
    }

    @Test
    void sums_each_sleeves_last_equity_with_the_capital_of_a_sleeve_not_seen_yet() {
        PortfolioCurve c = curve(Long.MIN_VALUE, 10, Long.MAX_VALUE, Double.NaN);
        c.cycle("ra", 1, 120);     // 170
        c.cycle("rb", 2, 40);      // 160
        c.cycle("ra", 11, 90);     // 130, the day's first
        c.cycle("other", 12, 1e9); // not a sleeve
        c.cycle("rb", 12, Double.NaN);

        assertThat(c.peak()).isEqualTo(170);
        assertThat(c.dayStart()).isEqualTo(160);
    }

    @Test
    void the_peak_counts_from_the_restart_and_the_day_from_its_first_cycle_if_none_came_before() {
        PortfolioCurve c = curve(5, 0, Long.MAX_VALUE, Double.NaN);
        c.cycle("ra", 1, 200);     // 250, before the restart
        c.cycle("ra", 5, 110);     // 160
        c.cycle("rb", 6, 45);      // 155

        assertThat(c.peak()).isEqualTo(160);
        assertThat(c.dayStart()).isEqualTo(250);
    }

    @Test
    void paused_cycles_count_after_the_cycle_with_the_pauses_equity_or_else_after_its_time() {
        PortfolioCurve matched = curve(Long.MIN_VALUE, 0, 7, 140);
        PortfolioCurve unmatched = curve(Long.MIN_VALUE, 0, 7, 999);
        for (PortfolioCurve c : List.of(matched, unmatched)) {
            c.cycle("ra", 7, 90);   // 140: the pausing cycle
            c.cycle("rb", 7, 50);   // 140, same time, after it
            c.cycle("ra", 8, 90);
        }

        assertThat(matched.cyclesAfterPause()).isEqualTo(2);
        assertThat(unmatched.cyclesAfterPause()).as("counted from the first cycle after the pause's time").isEqualTo(1);
    }
}
