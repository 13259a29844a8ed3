package dev.stratagem.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --db} option of every command that reads or writes the history. */
final class DatabaseOption {

    /** The file name H2 adds to a database's path. */
    private static final String SUFFIX = ".mv.db";

    @Option(names = "--db", description = "H2 file (without .mv.db). Default: $STRATAGEM_HOME/data/stratagem.")
    Path db;

    /** @return the database's path without {@code .mv.db} (given with it, as the demo prints the file, it is cut) */
    Path database() {
        if (db == null) {
            return Home.database();
        }
        String name = db.getFileName() == null ? "" : db.getFileName().toString();
        return name.endsWith(SUFFIX) && name.length() > SUFFIX.length()
                ? db.resolveSibling(name.substring(0, name.length() - SUFFIX.length())) : db;
    }

    /**
     * @return the database's path, for a command that must not create one: a mistyped {@code --db} read as an empty
     *     history (a kill switch "inactive", say) would mislead
     * @throws IllegalArgumentException if there is no history file there
     */
    Path existing() {
        Path file = database();
        if (!Files.exists(Path.of(file + SUFFIX))) {
            throw new IllegalArgumentException("no history at " + file + SUFFIX + " (run ./stratagem demo first, or"
                    + " pass --db)");
        }
        return file;
    }
}
