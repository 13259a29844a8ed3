package dev.stratagem.runtime.plugin.reload;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the runtime hot-reloads plugin jars.
 *
 * @param versions the version store: a copy of every accepted jar, loaded from there (never from
 *     {@code plugins/}, so a jar overwritten in place cannot break a running class loader)
 * @param debounce quiet time after the last file event before a jar is read
 * @param replayCycles how many recorded cycle contexts a new version is replayed on (N)
 * @param keepVersions how many versions of each plugin the store keeps for rollback (K)
 * @param validationBudget the time the replay of one strategy may take
 * @param watch whether to watch {@code plugins/} (off: only rollbacks change versions)
 */
public record ReloadSettings(
        Path versions, Duration debounce, int replayCycles, int keepVersions, Duration validationBudget, boolean watch) {

    /** Default debounce: long enough for a copy tool's create-then-write, well under the 300 ms goal. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(100);

    /** Validates. */
    public ReloadSettings {
        if (replayCycles < 0 || keepVersions < 1) {
            throw new IllegalArgumentException("replayCycles must be >= 0 and keepVersions >= 1");
        }
    }

    /**
     * @param pluginsDir the watched folder
     * @return the defaults: store in {@code versions/} beside {@code plugins/}, 100 ms debounce, N = 50,
     *     K = 5, 2 s validation budget, watching
     */
    public static ReloadSettings defaults(Path pluginsDir) {
        return new ReloadSettings(pluginsDir.toAbsolutePath().normalize().resolveSibling("versions"),
                DEFAULT_DEBOUNCE, 50, 5, Duration.ofSeconds(2), true);
    }

    /**
     * @param dir another version store
     * @return these settings with it
     */
    public ReloadSettings withVersions(Path dir) {
        return new ReloadSettings(dir, debounce, replayCycles, keepVersions, validationBudget, watch);
    }
}
