package dev.stratagem.runtime.kernel;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the command line adds to a run file.
 *
 * @param env the environment (settings layer, secrets, the live-trading consent)
 * @param flags {@code --set key=value} settings, the top layer
 * @param live whether {@code --live} was given
 * @param beforeFeed runs once the strategies are assembled and the ops endpoints listen, before the feed's first
 *     bar: what must be up for the run to trade (the console and its control API); if it throws, the kernel shuts
 *     down and {@link Kernel#start} throws, nothing traded
 */
public record KernelOptions(Map<String, String> env, Map<String, String> flags, boolean live,
        Consumer<Kernel> beforeFeed) {

    /** Copies. */
    public KernelOptions {
        env = Map.copyOf(env);
        flags = Map.copyOf(flags);
        Objects.requireNonNull(beforeFeed, "beforeFeed");
    }

    /** Nothing before the feed. */
    public KernelOptions(Map<String, String> env, Map<String, String> flags, boolean live) {
        this(env, flags, live, kernel -> { });
    }

    /** @return the process environment, no flags, not live */
    public static KernelOptions fromEnvironment() {
        return new KernelOptions(System.getenv(), Map.of(), false);
    }

    /** @return these options with what runs before the feed's first bar */
    public KernelOptions withBeforeFeed(Consumer<Kernel> step) {
        return new KernelOptions(env, flags, live, step);
    }
}
