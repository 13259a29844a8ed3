package dev.stratagem.runtime.cycle;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.ExecutionGateway;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.runtime.risk.FlattenComposer;
import dev.stratagem.runtime.risk.Guardrails;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The components one strategy runs with, and their exact versions (recorded with every cycle).
 *
 * @param features the features pipeline
 * @param composer the decision composer
 * @param gateway the execution gateway
 * @param guardrails the guardrails
 * @param listeners lifecycle listeners
 * @param versions the version of every component
 */
public record StrategyComponents(
        FeaturesPipeline features,
        DecisionComposer composer,
        ExecutionGateway gateway,
        Guardrails guardrails,
        List<StrategyListener> listeners,
        List<ComponentVersion> versions) {

    /** Validates and copies. */
    public StrategyComponents {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(composer, "composer");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(guardrails, "guardrails");
        listeners = List.copyOf(listeners);
        versions = List.copyOf(versions);
    }

    /**
     * @return every component instance: the features pipeline, the composer (the strategy's own, looked
     *     through the runtime's kill-switch wrapper), the gateway, each guardrail check and each listener
     */
    public List<Object> parts() {
        List<Object> parts = new ArrayList<>();
        parts.add(features);
        parts.add(composer instanceof FlattenComposer f ? f.inner() : composer);
        parts.add(gateway);
        parts.addAll(guardrails.checks());
        parts.addAll(listeners);
        return parts;
    }
}
