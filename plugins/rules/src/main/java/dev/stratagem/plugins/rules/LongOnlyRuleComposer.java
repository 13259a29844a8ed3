package dev.stratagem.plugins.rules;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.Parameters;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The shared shell of the long-only composers: holds the parsed config and the {@link LongOnlyDecider} built
 * from it, so a concrete composer states only its id, its config parser and its rule.
 *
 * @param <C> the composer's config record
 */
abstract class LongOnlyRuleComposer<C> implements DecisionComposer {

    private final BiFunction<Parameters, String, C> parser;
    private final Function<C, LongOnlyDecider> deciderFactory;
    private C config;
    private LongOnlyDecider decider;

    /**
     * @param defaults the config before {@link #configure(Parameters)}
     * @param parser reads and validates the parameters, given the component id for error messages
     * @param deciderFactory builds the decider (rule and quantity) for a config
     */
    LongOnlyRuleComposer(
            C defaults, BiFunction<Parameters, String, C> parser, Function<C, LongOnlyDecider> deciderFactory) {
        this.parser = parser;
        this.deciderFactory = deciderFactory;
        this.config = defaults;
        this.decider = deciderFactory.apply(defaults);
    }

    @Override
    public final void configure(Parameters params) {
        config = parser.apply(params, id());
        decider = deciderFactory.apply(config);
    }

    @Override
    public final Set<String> requiredFeatures() {
        return Set.copyOf(decider.features());
    }

    @Override
    public final ComposeResult compose(ComposeContext context) {
        return decider.decide(context);
    }

    final C config() {
        return config;
    }
}
