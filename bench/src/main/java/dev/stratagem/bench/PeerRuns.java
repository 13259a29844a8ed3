package dev.stratagem.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * ta4j's runs of the crossover with one Num type, measured in a JVM of its own ({@code --peer}), warmed up by the
 * rule ours are ({@link WarmRuns}).
 *
 * <p>Why a JVM of its own: ta4j used to run in the bench JVM after the script workloads, with their heap and
 * compiled code still there, and measured 138,042 bars/s warm against 206,762 in its first run (full run at
 * 22586ea); run right after our backtests in a fresh JVM, 402,941. Run in turns with ours in one JVM, its 1,000,000
 * DecimalNum bars on the heap slowed our record activity runs to 1.18M bars/s from 2.5M. Alone, neither pays for
 * the other's heap.
 *
 * @param cold the first run's bars/s
 * @param warm the measured runs' bars/s
 * @param trades closed trades on the series
 * @param orclTrades closed trades on ORCL 1995-2014
 */
record PeerRuns(double cold, Samples warm, int trades, int orclTrades) {

    /** Starts the line a {@code --peer} child prints. */
    static final String PREFIX = "PEER ";

    /**
     * @param decimal {@code true} for ta4j's default DecimalNum
     * @param series the bench series
     * @param orcl the ORCL file, for the trade count check
     * @param runs measured runs
     * @return the runs
     */
    static PeerRuns measure(boolean decimal, Path series, Path orcl, int runs) {
        Ta4jCrossover peer = new Ta4jCrossover(BenchStrategy.candles(series), decimal);
        WarmRuns<Ta4jCrossover.Run> measured = WarmRuns.of(peer::run, runs);
        double[] warm = measured.measured().stream().mapToDouble(r -> peer.bars() * 1e9 / r.nanos()).toArray();
        int orclTrades = new Ta4jCrossover(BenchStrategy.candles(orcl), decimal).run().closedTrades();
        return new PeerRuns(peer.bars() * 1e9 / measured.first().nanos(), new Samples(warm),
                measured.last().closedTrades(), orclTrades);
    }

    /** @return {@code PEER <cold> <trades> <orclTrades> <warm,...>} */
    String line() {
        return PREFIX + String.format(Locale.ROOT, "%.3f %d %d ", cold, trades, orclTrades)
                + Arrays.stream(warm.values()).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                        .collect(Collectors.joining(","));
    }

    /**
     * @param line what {@link #line()} printed
     * @return the runs it describes
     */
    static PeerRuns parse(String line) {
        String[] f = line.substring(PREFIX.length()).trim().split(" ");
        return new PeerRuns(Double.parseDouble(f[0]),
                new Samples(Arrays.stream(f[3].split(",")).mapToDouble(Double::parseDouble).toArray()),
                Integer.parseInt(f[1]), Integer.parseInt(f[2]));
    }
}
