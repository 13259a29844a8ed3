/**
 * The {@code indicators} plugin: a {@link dev.stratagem.api.FeaturesPipeline} of streaming technical
 * indicators. Each indicator is a small state machine fed one bar at a time in O(1) (amortised for the
 * Donchian channel), so a cycle costs the same on bar ten as on bar ten million.
 *
 * <p>Tier: <b>internal</b>, except {@link dev.stratagem.plugins.indicators.IndicatorsPipeline}, which the
 * runtime loads by its id {@code indicators}. Feature names and their warm-up lengths are listed there.
 */
package dev.stratagem.plugins.indicators;
