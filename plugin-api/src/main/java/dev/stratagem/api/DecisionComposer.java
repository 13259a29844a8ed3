package dev.stratagem.api;

/**
 * Decides what to trade: step 5 of the cycle. The composer sees the context and returns orders with a
 * rationale; the guardrails then vet every order, so a composer need not re-check limits.
 */
public interface DecisionComposer extends StrategyComponent {

    /**
     * @param context everything known at this bar
     * @return the decision; never {@code null} ({@link ComposeResult#noop(String)} to do nothing)
     */
    ComposeResult compose(ComposeContext context);

    /**
     * @return the feature names this composer reads; known after {@link #configure(Parameters)}. A strategy
     *     whose pipeline does not produce them all fails to load.
     */
    default java.util.Set<String> requiredFeatures() {
        return java.util.Set.of();
    }
}
