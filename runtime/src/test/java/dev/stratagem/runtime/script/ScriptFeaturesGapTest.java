package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A features script keeps its own rolling state, so the version serving is fed every bar, in order, even when a call
 * that could not be stopped cut a cycle short: the old version of a swap refused that way is fed the bar of that cycle
 * at the next one, and a version rebuilt after its own call was abandoned is primed with the kept bars, all but the
 * one that call was stuck on. The script here sums the closes it was fed (day {@code d} closes at 10 + d), so its
 * output says which bars it saw. Before, the old version skipped the bar (one less close in its sum for good), and a
 * rebuilt version started from nothing.
 */
class ScriptFeaturesGapTest {

    /** 50 ms a call, 3 failures in a row pause, warm-up 1 + replay depth 5 = 6 bars kept, 200 ms grace. */
    private static final ScriptSettings SETTINGS = new ScriptSettings(Duration.ofMillis(50), 3, 5,
            Duration.ofMillis(200));

    @TempDir
    Path tmp;

    /** Sums the closes it is fed; stuck on the bar closing at {@code stuckAt} (none if 0). */
    private static String summing(int stuckAt) {
        return """
                let sum = 0;
                function features(bar, out, api) {
                  if (bar[3] === %d) api.log('stall');
                  sum += bar[3];
                  out[0] = sum;
                }
                """.formatted(stuckAt);
    }

    /** @return the sum of the closes of these days */
    private static double closes(int... days) {
        double sum = 0;
        for (int day : days) {
            sum += 10 + day;
        }
        return sum;
    }

    private static double fed(CycleRecord cycle) {
        assertThat(cycle.status()).as(String.valueOf(cycle.error())).isEqualTo(CycleStatus.TRADED);
        return cycle.context().features().getFirst().get("close");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void the_old_version_of_a_swap_cut_short_is_fed_the_bar_of_that_cycle_at_the_next() throws Exception {
        String name = "gap-swap";
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, name, SETTINGS, Map.of(ScriptRole.FEATURES, summing(0)));
                ScriptStall stall = new ScriptStall(name + "-features")) {
            ReloadableScript script = s.script(ScriptRole.FEATURES);
            for (int day = 1; day <= 5; day++) {
                s.cycle(day);
            }
            String v1 = script.version().sha256();
            s.write(ScriptRole.FEATURES, summing(10 + 6));   // v2's catch-up at the swap is stuck on day 6
            ScriptProgram next = script.build(null);
            script.validate(next);
            assertThat(fed(s.cycle(6))).isEqualTo(closes(1, 2, 3, 4, 5, 6));
            script.offer(next);

            CycleRecord cut = s.cycle(7);
            assertThat(cut.status()).isEqualTo(CycleStatus.FAILED);
            assertThat(cut.error().step()).isEqualTo(CycleStep.FEATURES);
            assertThat(stall.held()).isEqualTo(1);

            assertThat(fed(s.cycle(8))).as("v1 serves on, fed day 7 before day 8")
                    .isEqualTo(closes(1, 2, 3, 4, 5, 6, 7, 8));
            assertThat(script.version().sha256()).isEqualTo(v1);
            assertThat(fed(s.cycle(9))).isEqualTo(closes(1, 2, 3, 4, 5, 6, 7, 8, 9));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_version_rebuilt_after_a_stuck_call_is_primed_with_the_kept_bars_but_the_stuck_one() throws Exception {
        String name = "gap-rebuilt";
        try (ScriptedStrategy s = new ScriptedStrategy(tmp, name, SETTINGS,
                        Map.of(ScriptRole.FEATURES, summing(10 + 4)));
                ScriptStall stall = new ScriptStall(name + "-features")) {
            for (int day = 1; day <= 3; day++) {
                assertThat(fed(s.cycle(day))).isEqualTo(closes(java.util.stream.IntStream.rangeClosed(1, day)
                        .toArray()));
            }
            assertThat(s.cycle(4).error().reason()).contains("left running on its own thread");
            assertThat(stall.held()).isEqualTo(1);

            assertThat(fed(s.cycle(5))).as("rebuilt, fed the kept days 1 to 3, not the stuck day 4, then day 5")
                    .isEqualTo(closes(1, 2, 3, 5));
            assertThat(fed(s.cycle(6))).isEqualTo(closes(1, 2, 3, 5, 6));
            assertThat(stall.held()).as("the stuck bar was not fed again").isEqualTo(1);
            for (int day = 7; day <= 12; day++) {
                s.cycle(day);
            }
            assertThat(fed(s.cycle(13))).as("every bar from day 5 on, once")
                    .isEqualTo(closes(1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13));
        }
    }
}
