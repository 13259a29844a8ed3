package dev.stratagem.runtime.script;

import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.runtime.plugin.ComponentHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Engine;

/**
 * Creates strategy components from script folders. A relative script path resolves against the first of
 * the base folders that has it (by default {@code -Dstratagem.scripts.base}, {@code -Dstratagem.root}, the
 * working directory and its parent).
 */
public final class ScriptCatalog {

    private final List<Path> bases;
    private final ScriptSettings settings;
    private final Engine engine;

    /**
     * @param bases where relative script paths are looked up, in order
     * @param settings budget, failure limit, replay depth
     * @param engine the engine (normally {@link ScriptEngines#shared()})
     */
    public ScriptCatalog(List<Path> bases, ScriptSettings settings, Engine engine) {
        this.bases = List.copyOf(bases);
        this.settings = settings;
        this.engine = engine;
    }

    /** @return a catalog with the default bases and settings on the shared engine (created lazily) */
    public static ScriptCatalog defaults() {
        List<Path> bases = new ArrayList<>();
        for (String property : List.of("stratagem.scripts.base", "stratagem.root")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                bases.add(Path.of(value));
            }
        }
        Path cwd = Path.of("").toAbsolutePath();
        bases.add(cwd);
        if (cwd.getParent() != null) {
            bases.add(cwd.getParent());
        }
        return new ScriptCatalog(bases, ScriptSettings.DEFAULTS, null);
    }

    /** @return the settings scripts run with */
    public ScriptSettings settings() {
        return settings;
    }

    /**
     * @param script a script folder, absolute or relative to a base
     * @return the folder
     * @throws ScriptException naming the places looked at
     */
    public Path resolve(String script) {
        Path path = Path.of(script);
        if (path.isAbsolute()) {
            if (Files.isDirectory(path)) {
                return path.normalize();
            }
        } else {
            for (Path base : bases) {
                Path candidate = base.resolve(path).toAbsolutePath().normalize();
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new ScriptException("script folder '" + script + "' not found (looked in " + bases + ")");
    }

    /**
     * @param script the script folder
     * @param params the strategy file's parameters (manifest defaults fill the rest)
     * @param featureNames the names the strategy's pipeline produces, in order
     * @return the composer and its version
     */
    public ComponentHandle<DecisionComposer> composer(String script, Map<String, Object> params,
            List<String> featureNames) {
        ScriptComposer composer = new ScriptComposer(recipe(script, ScriptRole.COMPOSER, params, featureNames), settings);
        return new ComponentHandle<>(composer, composer.version());
    }

    /**
     * @param script the script folder
     * @param params the strategy file's parameters
     * @return the features pipeline and its version
     */
    public ComponentHandle<FeaturesPipeline> features(String script, Map<String, Object> params) {
        ScriptFeatures features = new ScriptFeatures(
                recipe(script, ScriptRole.FEATURES, params, ScriptFeatures.BAR_FIELDS), settings);
        return new ComponentHandle<>(features, features.version());
    }

    /**
     * @param script the script folder
     * @param params the strategy file's parameters
     * @return the guardrail and its version
     */
    public ComponentHandle<RiskCheck> risk(String script, Map<String, Object> params) {
        ScriptRiskCheck check = new ScriptRiskCheck(recipe(script, ScriptRole.RISK, params, List.of()), settings);
        return new ComponentHandle<>(check, check.version());
    }

    private ScriptRecipe recipe(String script, ScriptRole role, Map<String, Object> params, List<String> names) {
        return new ScriptRecipe(resolve(script), role, params, names, engine == null ? ScriptEngines.shared() : engine,
                settings);
    }
}
