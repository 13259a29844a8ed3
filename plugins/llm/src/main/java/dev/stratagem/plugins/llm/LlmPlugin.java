package dev.stratagem.plugins.llm;

import org.pf4j.Plugin;

/**
 * The plugin's lifecycle (the jar's {@code Plugin-Class}): when PF4J stops the plugin, on unload, on a hot
 * reload's swap, after a validation copy was replayed or at shutdown, every request queue still open is
 * closed and its threads end, before PF4J closes the class loader their classes come from.
 */
public final class LlmPlugin extends Plugin {

    /** Called by PF4J. */
    public LlmPlugin() {
        super();
    }

    @Override
    public void stop() {
        SharedQueues.closeAll();
    }
}
