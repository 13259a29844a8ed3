package dev.stratagem.bench;

import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.plugin.PluginCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N strategies x 10,000 bars in one runtime: N backtests (each its own components, ledger and CSV load)
 * sharing one plugin catalog, on as many threads as cores. Wall time from the first start to the last end.
 */
final class ManyStrategiesWorkload {

    private ManyStrategiesWorkload() {}

    /** Wall times in seconds: the first (cold) and the repeats after it. */
    record Result(int strategies, long barsEach, double coldSeconds, Samples warmSeconds) {}

    static Result run(PluginCatalog catalog, Path data, int strategies, int repeats) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        double[] warm = new double[repeats];
        double cold = 0;
        long barsEach = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int round = 0; round <= repeats; round++) {
                long start = System.nanoTime();
                List<Future<BacktestResult>> futures = new ArrayList<>();
                for (int s = 0; s < strategies; s++) {
                    futures.add(pool.submit(() -> StratagemBench.backtest(catalog, StratagemBench.strategy, data, RecordLevel.SUMMARY)));
                }
                for (Future<BacktestResult> f : futures) {
                    barsEach = f.get().bars();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round == 0) {
                    cold = seconds;
                } else {
                    warm[round - 1] = seconds;
                }
            }
        }
        return new Result(strategies, barsEach, cold, new Samples(warm));
    }
}
