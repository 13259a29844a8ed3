package dev.stratagem.runtime.cli;

import java.nio.file.Path;

/**
 * Where the runtime keeps its state: {@code $STRATAGEM_HOME}, or {@code .stratagem} in the working
 * directory. It holds {@code data/stratagem.mv.db} (the history) and {@code plugins/} (drop-in jars).
 * The one place these defaults are defined.
 */
final class Home {

    static final String ENV = "STRATAGEM_HOME";

    private Home() {}

    static Path dir() {
        String env = System.getenv(ENV);
        return Path.of(env == null || env.isBlank() ? ".stratagem" : env).toAbsolutePath().normalize();
    }

    /** The H2 database file, without the {@code .mv.db} suffix H2 adds. */
    static Path database() {
        return dir().resolve("data").resolve("stratagem");
    }

    static Path plugins() {
        return dir().resolve("plugins");
    }

    /** The source tree the launcher runs from, for bundled data and example strategies. */
    static Path root() {
        String root = System.getProperty("stratagem.root");
        return Path.of(root == null ? "." : root).toAbsolutePath().normalize();
    }
}
