package dev.stratagem.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --db} option of every command that reads or writes the history. */
final class DatabaseOption {

    @Option(names = "--db", description = "H2 file (without .mv.db). Default: $STRATAGEM_HOME/data/stratagem.")
    Path db;

    Path database() {
        return db == null ? Home.database() : db;
    }
}
