package dev.stratagem.runtime.cli;

import java.io.IOException;
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
     * @throws IllegalArgumentException if there is no history file there, or an empty one (H2 would make it a new
     *     database: a file truncated by a full disk or a bad copy would read as a history with nothing in it)
     */
    Path existing() {
        Path file = database();
        Path h2 = Path.of(file + SUFFIX);
        if (!Files.exists(h2)) {
            throw new IllegalArgumentException("no history at " + h2 + " (run ./stratagem demo first, or pass --db)");
        }
        if (isEmptyFile(h2)) {
            throw new IllegalArgumentException(h2 + " is empty (0 bytes): no history there, and it is left as it is");
        }
        return file;
    }

    private static boolean isEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException e) {
            return false;   // unreadable: opening it says why
        }
    }
}
