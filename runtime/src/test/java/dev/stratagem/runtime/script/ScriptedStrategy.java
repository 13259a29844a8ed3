package dev.stratagem.runtime.script;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A strategy on one symbol, X, whose features pipeline, composer and one guardrail are JavaScript scripts (folders
 * {@code <name>-features}, {@code -composer}, {@code -risk}, each script's id its folder's name), run bar after bar on
 * a {@link ScriptSupervisor}'s thread as a live strategy's cycles are: a script call that cannot be stopped fails its
 * cycle, and the next cycle runs on a new thread.
 */
final class ScriptedStrategy implements AutoCloseable {

    /** Features: {@code close}, warm-up 1. */
    static final String FEATURES = "function features(bar, out, api) {\n  out[0] = bar[3];\n}\n";
    /** Buys 1 every cycle, so that the risk script checks an order every cycle. */
    static final String COMPOSER = "function compose(f, api) {\n  api.buy(1);\n  return 'v1';\n}\n";
    /** Accepts every order. */
    static final String RISK = "function check(api) {}\n";
    static final long DAY = 86_400_000L;

    private final Map<ScriptRole, Path> folders;
    private final Map<ScriptRole, ReloadableScript> scripts = new EnumMap<>(ScriptRole.class);
    private final PluginCatalog plugins;
    private final ScriptSupervisor supervisor;
    private final CycleCoordinator coordinator;

    /**
     * @param dir where to write the folders and the strategy file
     * @param name the strategy id and the prefix of the folders
     * @param sources a source for some roles; the others run {@link #FEATURES}, {@link #COMPOSER}, {@link #RISK}
     */
    ScriptedStrategy(Path dir, String name, ScriptSettings settings, Map<ScriptRole, String> sources) {
        folders = Map.of(
                ScriptRole.FEATURES, ScriptReloads.folder(dir, name + "-features", ScriptLanguage.JS,
                        "roles: [features]\noutputs: [close]\nwarmup: 1",
                        sources.getOrDefault(ScriptRole.FEATURES, FEATURES)),
                ScriptRole.COMPOSER, ScriptReloads.folder(dir, name + "-composer", ScriptLanguage.JS,
                        "roles: [composer]", sources.getOrDefault(ScriptRole.COMPOSER, COMPOSER)),
                ScriptRole.RISK, ScriptReloads.folder(dir, name + "-risk", ScriptLanguage.JS, "roles: [risk]",
                        sources.getOrDefault(ScriptRole.RISK, RISK)));
        Path file = ScriptReloads.allScriptsStrategy(dir.resolve(name + ".yaml"), name,
                folders.get(ScriptRole.FEATURES), folders.get(ScriptRole.COMPOSER), folders.get(ScriptRole.RISK));
        StrategyConfig config = StrategyConfigLoader.load(file);
        ScriptCatalog catalog = new ScriptCatalog(List.of(dir), settings, null);
        plugins = PluginCatalog.load(TestPaths.plugins());
        supervisor = new ScriptSupervisor(name);
        StrategyComponents components = supervisor.call(() -> StrategyAssembler.assemble(config, plugins, catalog),
                abandoned -> {
                    throw abandoned;
                });
        for (Object part : components.parts()) {
            if (part instanceof ReloadableScript s) {
                scripts.put(s.program().role, s);
            }
        }
        ((ScriptFeatures) scripts.get(ScriptRole.FEATURES)).consumers(() -> components.composer().requiredFeatures());
        coordinator = new CycleCoordinator(new StrategyInfo(name, "run", "paper", config.allSymbols()), components,
                new LedgerPortfolio(name, config.capital(), config.limits()), new DigestTracker(config.periodsPerYear()),
                config.instrumentMap(), 256, Duration.ofSeconds(5));
    }

    /** @return the bar of day {@code i}: closes at 10 + i */
    static Candle bar(int i) {
        double close = 10 + i;
        return new Candle("X", DAY * i, close, close, close, close, 1000);
    }

    /** Runs the cycle of {@link #bar(int) bar} {@code i}. */
    CycleRecord cycle(int i) {
        return supervisor.cycle(coordinator, List.of(bar(i))).record();
    }

    ReloadableScript script(ScriptRole role) {
        return scripts.get(role);
    }

    Path folder(ScriptRole role) {
        return folders.get(role);
    }

    /** @return the script's id: its folder's name */
    String id(ScriptRole role) {
        return folders.get(role).getFileName().toString();
    }

    /** Writes a new source for a role's script (its entry file). */
    void write(ScriptRole role, String source) {
        try {
            Files.writeString(folders.get(role).resolve("main.js"), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (ReloadableScript s : scripts.values()) {
            switch (s) {
                case ScriptComposer c -> c.close();
                case ScriptFeatures f -> f.close();
                case ScriptRiskCheck r -> r.close();
            }
        }
        supervisor.close();
        plugins.close();
    }
}
