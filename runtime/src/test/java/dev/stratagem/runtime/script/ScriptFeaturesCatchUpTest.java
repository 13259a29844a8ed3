package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import dev.stratagem.api.FeatureVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new features version is fed every bar that closed between the start of its validation and its swap,
 * however many (a fast replay, a slow build), and serves warm even with a replay depth of 0.
 */
class ScriptFeaturesCatchUpTest {

    @TempDir
    Path tmp;

    private static final String COUNTER = """
            let n = 0;
            function features(bar, out, api) {
              n += 1;
              out[0] = n + OFFSET;
            }
            """;

    private static final String SMA3 = """
            const closes = [];
            function features(bar, out, api) {
              closes.push(bar[3]);
              if (closes.length > 3) closes.shift();
              if (closes.length === 3) out[0] = TAG + (closes[0] + closes[1] + closes[2]) / 3;
            }
            """;

    private static Candle bar(int i) {
        return new Candle("X", 1_000L * i, i, i, i, i, 100);
    }

    private static FeatureVector feed(ScriptFeatures features, int i) {
        return features.compute(new ScriptReloads.OneBar(bar(i))).getFirst();
    }

    private ScriptFeatures features(String name, int replayDepth, String manifest, String source) {
        Path folder = ScriptReloads.folder(tmp, name, ScriptLanguage.JS, manifest, source);
        ScriptCatalog catalog = new ScriptCatalog(List.of(tmp),
                new ScriptSettings(Duration.ofMillis(500), 3, replayDepth), null);
        return (ScriptFeatures) catalog.features(folder.toString(), Map.of()).component();
    }

    @Test
    void a_version_is_fed_every_bar_that_closed_while_it_waited_more_than_the_kept_history() throws Exception {
        // keeps (warm-up 1 + depth 2) = 3 bars; 10 close between validation and swap
        ScriptFeatures features = features("counter", 2, "roles: [features]\noutputs: [count]\nwarmup: 1",
                "const OFFSET = 0;\n" + COUNTER);
        try {
            for (int i = 1; i <= 5; i++) {
                feed(features, i);
            }
            Files.writeString(tmp.resolve("counter/main.js"), "const OFFSET = 1000;\n" + COUNTER);
            ScriptProgram next = features.build(null);
            assertThat(features.validate(next)).isEqualTo(3);
            for (int i = 6; i <= 15; i++) {
                assertThat(feed(features, i).get("count")).isEqualTo(i);
            }
            CompletableFuture<Void> swapped = features.offer(next);
            FeatureVector first = feed(features, 16);
            swapped.get(10, TimeUnit.SECONDS);
            assertThat(features.version().sha256()).isEqualTo(next.sha256);
            assertThat(first.get("count")).as("3 bars replayed, the 10 that closed meanwhile, then bar 16")
                    .isEqualTo(1000 + 3 + 10 + 1);
        } finally {
            features.close();
        }
    }

    @Test
    void with_a_replay_depth_of_0_a_version_is_still_validated_on_its_warm_up_and_serves_warm() throws Exception {
        ScriptFeatures features = features("sma", 0, "roles: [features]\noutputs: [sma_3]\nwarmup: 3",
                "const TAG = 0;\n" + SMA3);
        try {
            for (int i = 1; i <= 5; i++) {
                feed(features, i);
            }
            Files.writeString(tmp.resolve("sma/main.js"), "const TAG = 1000;\n" + SMA3);
            ScriptProgram next = features.build(null);
            assertThat(features.validate(next)).as("the warm-up's bars").isEqualTo(3);
            assertThat(feed(features, 6).get("sma_3")).isEqualTo(5.0);
            CompletableFuture<Void> swapped = features.offer(next);
            FeatureVector first = feed(features, 7);
            swapped.get(10, TimeUnit.SECONDS);
            assertThat(first.get("sma_3")).as("no new warm-up").isEqualTo(1000 + 6.0);
        } finally {
            features.close();
        }
    }
}
