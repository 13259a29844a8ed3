package dev.stratagem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The line a {@code --peer} child JVM prints is what the bench JVM reads back. */
class PeerRunsTest {

    @Test
    void a_line_reads_back_as_the_runs_it_describes() {
        PeerRuns runs = new PeerRuns(264_247.5, new Samples(new double[] {497_501.25, 454_806, 511_602}), 19_064, 97);

        PeerRuns back = PeerRuns.parse(runs.line());

        assertThat(back.cold()).isEqualTo(264_247.5);
        assertThat(back.warm().values()).containsExactly(497_501.25, 454_806, 511_602);
        assertThat(back.trades()).isEqualTo(19_064);
        assertThat(back.orclTrades()).isEqualTo(97);
    }
}
