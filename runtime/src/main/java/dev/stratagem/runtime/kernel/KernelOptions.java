package dev.stratagem.runtime.kernel;

import java.util.Map;

/**
 * What the command line adds to a run file.
 *
 * @param env the environment (settings layer, secrets, the live-trading consent)
 * @param flags {@code --set key=value} settings, the top layer
 * @param live whether {@code --live} was given
 */
public record KernelOptions(Map<String, String> env, Map<String, String> flags, boolean live) {

    /** Copies. */
    public KernelOptions {
        env = Map.copyOf(env);
        flags = Map.copyOf(flags);
    }

    /** @return the process environment, no flags, not live */
    public static KernelOptions fromEnvironment() {
        return new KernelOptions(System.getenv(), Map.of(), false);
    }
}
