package dev.stratagem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The profile a missed goal's report prints: JFR's samples, by thread and method. */
class CpuProfileTest {

    private static final long MILLIS = 400;
    private static volatile double sink;

    @Test
    void the_samples_of_the_loop_and_the_writer_are_counted_apart_with_their_methods() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                sink += inner(1_000);
            }
        }, CpuProfile.WRITER);

        CpuProfile profile = CpuProfile.of(() -> {
            writer.start();
            spin();
            System.gc();
            stop.set(true);
        });
        writer.join();

        CpuProfile.Threads loop = profile.threads(Thread.currentThread().getName());
        CpuProfile.Threads written = profile.threads(CpuProfile.WRITER);
        assertThat(loop.samples).isPositive();
        assertThat(written.samples).isPositive();
        assertThat(loop.inclusive).containsKey("dev.stratagem.bench.CpuProfileTest.spin");
        assertThat(loop.inclusive.get("dev.stratagem.bench.CpuProfileTest.spin")).isGreaterThan(loop.samples / 2);
        assertThat(written.inclusive).containsKey("dev.stratagem.bench.CpuProfileTest.inner")
                .doesNotContainKey("dev.stratagem.bench.CpuProfileTest.spin");
        assertThat(profile.lines().getFirst()).contains("collector pauses: ").doesNotContain("collector pauses: 0,");
        assertThat(profile.lines()).anySatisfy(l -> assertThat(l).startsWith("history writer, self"));
        assertThat(profile.lines()).anySatisfy(l -> assertThat(l).startsWith("replay loop ("
                + Thread.currentThread().getName() + "), inclusive").contains("CpuProfileTest.inner "));
    }

    @Test
    void the_methods_on_nearly_every_sample_are_left_out_of_the_inclusive_list_and_the_rest_ranked() {
        CpuProfile.Threads t = new CpuProfile.Threads();
        t.samples = 10;
        t.inclusive.putAll(Map.of("loop", 10, "cycle", 9, "features", 5, "digest", 2, "guardrails", 5));

        assertThat(t.top(t.inclusive, CpuProfile.SPINE)).extracting(Map.Entry::getKey)
                .containsExactly("features", "guardrails", "digest");
        assertThat(t.top(t.inclusive, Double.MAX_VALUE).getFirst()).isEqualTo(Map.entry("loop", 1.0));
    }

    /** Busy for {@link #MILLIS}, half of it in {@link #inner}. */
    private static void spin() {
        long end = System.nanoTime() + MILLIS * 1_000_000;
        double x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1_000; i++) {
                x += Math.sqrt(i + x % 7);
            }
            x += inner(1_000);
        }
        sink = x;
    }

    private static double inner(int n) {
        double x = 0;
        for (int i = 0; i < n; i++) {
            x += Math.log1p(i + x % 5);
        }
        return x;
    }
}
