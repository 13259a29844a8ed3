package dev.stratagem.runtime.determinism;

import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Path;
import java.util.List;

/** The ORCL SMA 10/30 setup every determinism test runs, and its pinned digest. */
final class DeterminismFixtures {

    /** The result digest of the SMA 10/30 crossover on orcl-1995-2014.txt; changes only with behaviour. */
    static final String ORCL_SMA_DIGEST = "1ab996347fc1073d17d9f53aa98dae1273377870d85ce33fb31b323f6f1d5549";

    private DeterminismFixtures() {}

    static Path strategy() {
        return TestPaths.strategies().resolve("sma-crossover-orcl.yaml");
    }

    static Path orcl() {
        return TestPaths.data().resolve("orcl-1995-2014.txt");
    }

    static BacktestRequest request(Path data, RecordLevel level, Path db) {
        return new BacktestRequest(strategy(), List.of(data), null, null, null, null, null, level, false,
                TestPaths.plugins(), db);
    }
}
