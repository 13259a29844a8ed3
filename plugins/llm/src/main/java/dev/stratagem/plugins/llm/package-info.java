/**
 * LLM decision composers on any OpenAI-compatible chat-completions endpoint: {@code llm} (one prompt
 * template) and {@code llm-agents} (Director -> Quant -> Risk -> Execution). All composers of one endpoint share
 * one rate-limited priority queue ({@code SharedQueues}: a static per plugin class
 * loader); every call can be recorded to a JSON-lines journal and replayed without the model, by default
 * whenever the run is a backtest ({@code mode: auto}). An entry's stop-loss and take-profit are enforced by
 * the composer before the model is asked ({@code ProtectiveExits}).
 *
 * <p>Tier: <b>internal</b>. Only the {@code @Extension} composers and {@code QueueMetrics} are public; they
 * are configured through {@link dev.stratagem.api.StrategyComponent#configure(dev.stratagem.api.Parameters)}.
 * The plugin bundles no library: HTTP is {@code java.net.http}, JSON is {@code Json} here.
 */
package dev.stratagem.plugins.llm;
