package dev.stratagem.runtime.strategy;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.ExecutionGateway;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.runtime.config.ComponentRef;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.plugin.ComponentHandle;
import dev.stratagem.runtime.plugin.ComponentFactory;
import dev.stratagem.runtime.risk.Guardrails;
import dev.stratagem.runtime.script.ScriptCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a strategy's components from its config: fresh instances from the plugins, configured with their
 * parameters, checked against each other (the composer's required features must all be produced) before
 * the first cycle, so a broken contract fails at load time and not on the thousandth bar. A component
 * reference with {@code script:} is built from a script folder instead of a plugin (see {@link ScriptCatalog}).
 */
public final class StrategyAssembler {

    /** A guardrail entry naming a script folder instead of a check id: {@code script:scripts/js/max-position}. */
    private static final String SCRIPT_PREFIX = "script:";

    private StrategyAssembler() {}

    /**
     * @param config the strategy
     * @param catalog the loaded plugins
     * @return the components
     * @throws StrategyLoadException naming the strategy and what does not fit
     */
    public static StrategyComponents assemble(StrategyConfig config, ComponentFactory catalog) {
        return assemble(config, catalog, ScriptCatalog.defaults());
    }

    /**
     * @param config the strategy
     * @return whether it has a script component (features, composer or a {@code script:} guardrail): its calls then
     *     run on a {@link dev.stratagem.runtime.script.ScriptSupervisor}'s thread
     */
    public static boolean hasScripts(StrategyConfig config) {
        return config.features().isScript() || config.composer().isScript() || config.guardrails() != null
                && config.guardrails().stream().anyMatch(id -> id.startsWith(SCRIPT_PREFIX));
    }

    /**
     * @param config the strategy
     * @param catalog the loaded plugins
     * @param scripts where script components come from ({@code script:} references)
     * @return the components
     * @throws StrategyLoadException naming the strategy and what does not fit
     */
    public static StrategyComponents assemble(StrategyConfig config, ComponentFactory catalog, ScriptCatalog scripts) {
        String strategy = "strategy '" + config.id() + "': ";
        try {
            ComponentHandle<FeaturesPipeline> features = config.features().isScript()
                    ? scripts.features(config.features().script(), config.features().params())
                    : create(catalog, FeaturesPipeline.class, "features", config.features());
            ComponentHandle<DecisionComposer> composer = config.composer().isScript()
                    ? scripts.composer(config.composer().script(), config.composer().params(),
                            features.component().featureNames())
                    : create(catalog, DecisionComposer.class, "composer", config.composer());
            ComponentHandle<ExecutionGateway> gateway = create(catalog, ExecutionGateway.class, "gateway",
                    config.gateway());
            requireFeatures(features, composer);
            if (features.component().warmup() < 0) {
                throw new StrategyLoadException("features pipeline '" + config.features().id()
                        + "' declares a negative warm-up", null);
            }
            List<ComponentVersion> versions = new ArrayList<>(List.of(features.version(), composer.version(),
                    gateway.version()));
            Guardrails guardrails = guardrails(config, catalog, scripts, versions);
            List<StrategyListener> listeners = new ArrayList<>();
            for (ComponentRef ref : config.listeners()) {
                ComponentHandle<StrategyListener> listener = create(catalog, StrategyListener.class, "listener", ref);
                listeners.add(listener.component());
                versions.add(listener.version());
            }
            return new StrategyComponents(features.component(), composer.component(), gateway.component(),
                    guardrails, listeners, versions);
        } catch (RuntimeException e) {
            throw new StrategyLoadException(strategy + e.getMessage(), e);
        }
    }

    private static <T extends dev.stratagem.api.StrategyComponent> ComponentHandle<T> create(
            ComponentFactory catalog, Class<T> role, String roleName, ComponentRef ref) {
        return catalog.create(role, roleName, ref.id(), ref.parameters());
    }

    private static void requireFeatures(ComponentHandle<FeaturesPipeline> features,
            ComponentHandle<DecisionComposer> composer) {
        List<String> produced = features.component().featureNames();
        TreeSet<String> missing = new TreeSet<>(composer.component().requiredFeatures());
        missing.removeAll(produced);
        if (!missing.isEmpty()) {
            throw new StrategyLoadException("composer '" + composer.version().componentId() + "' needs features "
                    + missing + " that pipeline '" + features.version().componentId() + "' does not produce (it produces "
                    + produced + "); add them to features.params", null);
        }
    }

    private static Guardrails guardrails(StrategyConfig config, ComponentFactory catalog, ScriptCatalog scripts,
            List<ComponentVersion> versions) {
        Map<String, RiskCheck> builtIn = new LinkedHashMap<>();
        for (RiskCheck check : Guardrails.defaults().checks()) {
            builtIn.put(check.id(), check);
        }
        if (config.guardrails() == null) {
            return Guardrails.defaults();
        }
        List<RiskCheck> checks = new ArrayList<>();
        for (String id : config.guardrails()) {
            RiskCheck check = builtIn.get(id);
            if (check == null && id.startsWith(SCRIPT_PREFIX)) {
                ComponentHandle<RiskCheck> handle = scripts.risk(id.substring(SCRIPT_PREFIX.length()).trim(), Map.of());
                check = handle.component();
                versions.add(handle.version());
            } else if (check == null) {
                if (!catalog.ids(RiskCheck.class).contains(id)) {
                    throw new StrategyLoadException("unknown guardrail '" + id + "'; built-in: " + builtIn.keySet()
                            + ", from plugins: " + catalog.ids(RiskCheck.class), null);
                }
                ComponentHandle<RiskCheck> handle = catalog.create(RiskCheck.class, "guardrail", id, Parameters.EMPTY);
                check = handle.component();
                versions.add(handle.version());
            }
            checks.add(check);
        }
        return new Guardrails(checks);
    }
}
