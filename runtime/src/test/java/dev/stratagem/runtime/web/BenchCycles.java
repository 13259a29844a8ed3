package dev.stratagem.runtime.web;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import java.util.List;

/** A representative cycle record for the benchmark: three features, three component versions, a snapshot. */
final class BenchCycles {

    private BenchCycles() {}

    static CycleRecord template(String run) {
        PortfolioView p = new PortfolioView(0, 100000, 100000, 0, 0, 0, 0, List.of(), Constraints.NONE);
        ComposeContext ctx = new ComposeContext(0, run + "-0", "bench",
                List.of(new FeatureVector("ORCL", 0, List.of("close", "sma_10", "sma_30"), new double[] {10, 10.1, 9.9})),
                p, TradeDigest.EMPTY, RunMode.BACKTEST);
        List<ComponentVersion> versions = List.of(new ComponentVersion("features", "indicators", "plugin", "1.0.0", "abc"),
                new ComponentVersion("composer", "bench-composer", "plugin", "1.0.0", "abc"),
                new ComponentVersion("gateway", "paper", "plugin", "1.0.0", "abc"));
        long[] nanos = new long[CycleStep.values().length];
        java.util.Arrays.fill(nanos, 1000);
        return new CycleRecord(run + "-0", run, "bench", 1, 0, CycleStatus.IDLE, versions, ctx,
                ComposeResult.noop("no cross"), List.of(), List.of(), List.of(), p, new StageTimings(nanos), null);
    }
}
