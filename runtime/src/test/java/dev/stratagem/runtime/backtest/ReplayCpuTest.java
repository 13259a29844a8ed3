package dev.stratagem.runtime.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.testing.TestPaths;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backtest's result says where the CPU time went while its loop ran: the loop's thread, the others, the writer. */
class ReplayCpuTest {

    @TempDir
    Path tmp;

    @Test
    void a_recorded_run_counts_its_history_writer_and_an_unrecorded_one_has_none() {
        assumeThat(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()).isTrue();
        try (PluginCatalog catalog = PluginCatalog.load(TestPaths.plugins())) {
            ReplayCpu summary = BacktestRunner.run(GoldenSmaCrossoverTest.request(RecordLevel.SUMMARY, null), catalog)
                    .cpu();
            assertThat(summary.loopThreadNanos()).isPositive();
            assertThat(summary.writerNanos()).as("no history, no writer").isZero();

            ReplayCpu all = BacktestRunner.run(GoldenSmaCrossoverTest.request(RecordLevel.ALL, tmp.resolve("h")),
                    catalog).cpu();
            assertThat(all.loopThreadNanos()).isPositive();
            assertThat(all.writerNanos()).as("the writer encoded and inserted every cycle").isPositive();
            assertThat(all.otherThreadsNanos()).isPositive();
        }
    }
}
