package dev.stratagem.bench;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.runtime.script.ReloadOutcome;
import dev.stratagem.runtime.script.ScriptCatalog;
import dev.stratagem.runtime.script.ScriptComposer;
import dev.stratagem.runtime.script.ScriptManifest;
import dev.stratagem.runtime.script.ScriptSettings;
import dev.stratagem.runtime.script.ScriptWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hot-reload latency. Scripts: a copy of the SMA crossover example is saved N times; each save goes through
 * the watcher (debounce), a build in a fresh context off the strategy's thread and the replay of 20 recorded
 * contexts; latency = save -> the next cycle served by the new version. Plugins: the runtime's
 * {@code ReloadBenchmark} (jar moved into a running kernel's plugins folder -> new version serving), run in a
 * child JVM from the runtime's test classes.
 */
final class ReloadWorkload {

    private ReloadWorkload() {}

    /** @return save -> new version serving, in milliseconds, one per reload */
    static Samples script(Path root, String language, int reloads) throws Exception {
        Path folder = Files.createTempDirectory("stratagem-bench-" + language);
        try (var files = Files.list(root.resolve("scripts/" + language + "/sma-crossover"))) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        Path entry = ScriptManifest.load(folder).entry();
        List<String> features = List.of("close", "sma_10", "sma_30");
        ScriptCatalog scripts = new ScriptCatalog(List.of(root), ScriptSettings.DEFAULTS, null);
        ScriptComposer composer = (ScriptComposer) scripts.composer(folder.toString(), Map.of(), features).component();
        List<ComposeContext> contexts = new ArrayList<>();
        for (long i = 0; i < 20; i++) {
            contexts.add(new ComposeContext(i, "c-" + i, "bench", List.of(new FeatureVector("SYN", i, features,
                    new double[] {100 + i, 100 + Math.sin(i), 100})), new PortfolioView(i, 1000, 1000, 0, 0, 0, 0,
                    List.of(), Constraints.NONE), TradeDigest.EMPTY, RunMode.BACKTEST));
            composer.compose(contexts.getLast());
        }
        BlockingQueue<ReloadOutcome> outcomes = new LinkedBlockingQueue<>();
        double[] millis = new double[reloads];
        String original = Files.readString(entry);
        try (ScriptWatcher watcher = new ScriptWatcher(composer, outcomes::add)) {
            for (int r = 0; r < reloads; r++) {
                String before = composer.version().sha256();
                long saved = System.nanoTime();
                Files.writeString(entry, original + (language.equals("js") ? "\n// edit " : "\n# edit ") + r + "\n");
                ReloadOutcome outcome = outcomes.poll(60, TimeUnit.SECONDS);
                if (outcome == null || !outcome.accepted()) {
                    throw new IllegalStateException(language + " reload " + r + " failed: " + outcome);
                }
                composer.compose(contexts.get(r % contexts.size())); // the strategy's next cycle swaps it in
                if (composer.version().sha256().equals(before)) {
                    throw new IllegalStateException(language + " reload " + r + " did not swap");
                }
                millis[r] = (System.nanoTime() - saved) / 1e6;
            }
        } finally {
            composer.close();
        }
        return new Samples(millis);
    }

    /** @return the plugin reload benchmark's summary line ({@code reloads: N, move -> serving p50 ...}) */
    static String plugin(Path root, int reloads) throws Exception {
        Path runtime = root.resolve("runtime");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-cp", "target/test-classes:target/classes:target/lib/*",
                "-Dstratagem.plugins.dir=target/plugins", "-Dstratagem.test.plugins.dir=target/test-plugins",
                "-Dstratagem.data.dir=data", "dev.stratagem.runtime.plugin.reload.ReloadBenchmark",
                Integer.toString(reloads)));
        Process p = new ProcessBuilder(command).directory(runtime.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ReloadBenchmark failed: " + out);
        }
        return out.lines().filter(l -> l.startsWith("reloads: ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("ReloadBenchmark printed no result: " + out));
    }
}
