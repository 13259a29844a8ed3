package dev.stratagem.runtime.kernel;

import dev.stratagem.runtime.config.StrategyConfig;

/**
 * A strategy of the run that names a component no loaded plugin provides yet: it starts when a plugin jar
 * that provides it is loaded.
 *
 * @param config the strategy as configured
 * @param status why it waits, e.g. {@code waiting for composer 'template': no plugin provides it yet}
 */
record WaitingStrategy(StrategyConfig config, String status) {}
