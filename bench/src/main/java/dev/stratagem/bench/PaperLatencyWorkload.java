package dev.stratagem.bench;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.kernel.Addresses;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.kernel.KernelOptions;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Paper-mode cycle latency through the real kernel: {@code stratagem run}'s own boot ({@link Kernel#start}),
 * feed verticle, strategy worker verticle, H2 history writer and event bus, on a paper run file that replays a
 * CSV at a fixed bar rate. Latency = from the feed publishing a bar close to the strategy publishing the cycle's
 * record (after it ran the whole decision cycle and handed the record to the history writer), both stamped
 * by outbound bus interceptors on the publishing threads. The first {@code warmup} cycles are not counted.
 *
 * <p>{@code bench/run} runs it in a JVM of its own, as {@code stratagem run} would be: in the bench's JVM it
 * shared the CPU with the concurrent GC and JIT work the backtests before it left behind.
 *
 * <p>Where a cycle's time goes, per cycle: the dispatch (bar close published -> delivered on the strategy's
 * thread, stamped by an inbound interceptor there) and the cycle's own steps (its recorded stage timings).
 */
final class PaperLatencyWorkload {

    private PaperLatencyWorkload() {}

    /**
     * Latencies in microseconds after warm-up, the bar rate the feed actually achieved, and of the same cycles
     * the dispatch and the steps in microseconds.
     */
    record Result(Samples micros, double barsPerSecond, Samples dispatchMicros, Samples stepsMicros) {

        /** Writes the result for the parent JVM: the bar rate, then one line of values per sample set. */
        void write(Path file) throws IOException {
            Files.write(file, List.of(Double.toString(barsPerSecond), line(micros), line(dispatchMicros),
                    line(stepsMicros)));
        }

        static Result read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            return new Result(samples(lines.get(1)), Double.parseDouble(lines.get(0)), samples(lines.get(2)),
                    samples(lines.get(3)));
        }

        private static String line(Samples samples) {
            return Arrays.stream(samples.values()).mapToObj(Double::toString).collect(Collectors.joining(" "));
        }

        private static Samples samples(String line) {
            return new Samples(line.isBlank() ? new double[0]
                    : Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray());
        }
    }

    /**
     * @param strategy the strategy file
     * @param data a Yahoo-format CSV replayed as symbol ORCL
     * @param daysPerSecond replay speed: this many calendar days of bars per second of wall time
     * @return per-cycle latencies after warm-up
     */
    static Result run(Path strategy, Path data, int warmup, double daysPerSecond, Path db) throws Exception {
        Files.createDirectories(db.getParent());
        Path runFile = db.resolveSibling(db.getFileName() + "-run.yaml");
        Files.writeString(runFile, String.join("\n",
                "mode: paper",
                "speed: " + 86_400 * daysPerSecond,
                "feed:",
                "  - file: " + data.toAbsolutePath(),
                "    symbol: ORCL",
                "strategies:",
                "  - " + strategy.toAbsolutePath(),
                ""));
        Map<Long, Long> published = new ConcurrentHashMap<>();
        long[] latencies = new long[4_000_000];
        long[] dispatch = new long[latencies.length];
        long[] steps = new long[latencies.length];
        AtomicInteger count = new AtomicInteger();
        Handler<DeliveryContext<Object>> stamp = ctx -> {
            long now = System.nanoTime();
            String address = ctx.message().address();
            if (address.equals(Addresses.BAR_CLOSE) && ctx.body() instanceof Long ts) {
                published.put(ts, now);
            } else if (address.startsWith(Addresses.CYCLE_RESULT_PREFIX) && ctx.body() instanceof CycleRecord r) {
                Long sent = published.remove(r.ts());
                int i = count.getAndIncrement();
                if (sent != null && i < latencies.length) {
                    latencies[i] = now - sent;
                    steps[i] = r.timings().total();
                }
            }
            ctx.next();
        };
        Handler<DeliveryContext<Object>> delivered = ctx -> {
            if (ctx.message().address().equals(Addresses.BAR_CLOSE) && ctx.body() instanceof Long ts) {
                Long sent = published.get(ts);
                int i = count.get(); // the cycle this bar starts: strategies run one bar at a time
                if (sent != null && i < dispatch.length) {
                    dispatch[i] = System.nanoTime() - sent;
                }
            }
            ctx.next();
        };
        KernelOptions options = new KernelOptions(Map.of(), Map.of("ops.http.enabled", "false"), false);
        long start = System.nanoTime();
        long bars;
        try (Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), StratagemBench.plugins, db, options)) {
            kernel.vertx().eventBus().addOutboundInterceptor(stamp);
            kernel.vertx().eventBus().addInboundInterceptor(delivered);
            bars = kernel.feedFinished().await(30, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = Math.min(count.get(), latencies.length);
        if (n <= warmup) {
            throw new IllegalStateException("only " + n + " cycles were measured, fewer than the warm-up " + warmup);
        }
        return new Result(micros(latencies, warmup, n), bars / seconds, micros(dispatch, warmup, n),
                micros(steps, warmup, n));
    }

    private static Samples micros(long[] nanos, int from, int to) {
        return new Samples(Arrays.stream(nanos, from, to).filter(l -> l > 0).mapToDouble(l -> l / 1e3).toArray());
    }
}
