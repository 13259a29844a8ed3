package dev.stratagem.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the bundled data, the example strategies and the plugin jars built by the reactor. */
public final class TestPaths {

    private TestPaths() {}

    /** @return runtime/data */
    public static Path data() {
        return Path.of(System.getProperty("stratagem.data.dir", "data")).toAbsolutePath();
    }

    /** @return runtime/strategies */
    public static Path strategies() {
        return data().resolveSibling("strategies");
    }

    /** @return the repository's scripts folder (the launcher's shell libraries are in scripts/lib) */
    public static Path scripts() {
        return data().getParent().resolveSibling("scripts");
    }

    /** @return runtime/target/plugins, holding the built-in plugin jars */
    public static Path plugins() {
        Path dir = Path.of(System.getProperty("stratagem.plugins.dir", "target/plugins")).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: run the tests through Maven (./stratagem test), "
                    + "which builds the plugin jars first");
        }
        return dir;
    }
}
