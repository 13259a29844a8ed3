package dev.stratagem.runtime.history;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An empty H2 history file with every migration applied, made once per JVM in a temporary folder: a new history
 * file starts as a copy of it instead of running the migrations again.
 *
 * <p>Why: each backtest with a history opens a new file, and migrating it ran Flyway's SQL parser and H2's DDL every
 * time, ~20 ms warm. Worse for a JVM that runs backtest after backtest (the optimiser, the benchmark): code that
 * runs once a backtest reaches the JIT's thresholds only after tens of backtests, so C2 kept compiling it, 100-300 ms
 * of compile time a backtest, 150-200 ms in a single method (Flyway's {@code Parser.getNextStatement}), on the same
 * two cores as the replay it slowed. A closed H2 file is position-independent: copying it is H2's own backup.
 */
final class H2Template {

    private static final Logger LOG = LoggerFactory.getLogger(H2Template.class);

    /** The template's file ({@code .mv.db}), made on first use; {@code null} if it could not be made. */
    private static Path file;
    private static boolean tried;

    private H2Template() {}

    /**
     * Creates {@code target} as a copy of the migrated template, if it does not exist yet.
     *
     * @param target the new H2 file, with its {@code .mv.db} suffix
     * @return whether it was created from the template; {@code false} if it existed or the template could not be
     *     made, and the caller migrates it
     */
    static boolean createFrom(Path target) {
        Path template = template();
        if (template == null || Files.exists(target)) {
            return false;
        }
        try {
            Files.copy(template, target);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;   // made meanwhile by another opener: migrated as an existing file
        } catch (IOException e) {
            LOG.warn("cannot copy the history template to {}; migrating it instead: {}", target, e.toString());
            return false;
        }
    }

    private static synchronized Path template() {
        if (!tried) {
            tried = true;
            file = make();
        }
        return file;
    }

    private static Path make() {
        try {
            Path dir = Files.createTempDirectory("stratagem-history-template");
            dir.toFile().deleteOnExit();
            Path made = dir.resolve("template.mv.db");
            made.toFile().deleteOnExit();   // registered after the folder, so deleted before it
            JdbiHistoryStore.openMigrated(dir.resolve("template")).close();
            return made;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot make the history template; every new history file is migrated: {}", e.toString());
            return null;
        }
    }
}
