package dev.stratagem.runtime.history;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An empty H2 history file with every migration applied, made once per JVM and kept in memory (~50 KB): a new
 * history file starts as a copy of it instead of running the migrations again.
 *
 * <p>Why: each backtest with a history opens a new file, and migrating it ran Flyway's SQL parser and H2's DDL every
 * time, ~20 ms warm. Worse for a JVM that runs backtest after backtest (the optimiser, the benchmark): code that
 * runs once a backtest reaches the JIT's thresholds only after tens of backtests, so C2 kept compiling it, 100-300 ms
 * of compile time a backtest, 150-200 ms in a single method (Flyway's {@code Parser.getNextStatement}), on the same
 * two cores as the replay it slowed. A closed H2 file is position-independent: copying it is H2's own backup.
 *
 * <p>A copy is written to a file of its own beside the target and then linked under the target's name, which fails
 * if the name is taken: another process opening the same new file meanwhile never sees it half written.
 */
final class H2Template {

    private static final Logger LOG = LoggerFactory.getLogger(H2Template.class);

    /** The template's bytes, made on first use; {@code null} if they could not be made. */
    private static byte[] bytes;
    private static boolean tried;

    private H2Template() {}

    /**
     * Creates {@code target} as a copy of the migrated template, if it does not exist yet.
     *
     * @param target the new H2 file, with its {@code .mv.db} suffix
     * @return whether it was created from the template; {@code false} if it existed or the template could not be
     *     made or written, and the caller migrates it
     */
    static boolean createFrom(Path target) {
        byte[] template = template();
        if (template == null || Files.exists(target)) {
            return false;
        }
        Path part = null;
        try {
            part = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
            Files.write(part, template, StandardOpenOption.SYNC);
            publish(part, target);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;   // made meanwhile by another opener: migrated as an existing file
        } catch (IOException e) {
            LOG.warn("cannot write the history template to {}; migrating it instead: {}", target, e.toString());
            return false;
        } finally {
            deleteQuietly(part);
        }
    }

    /** Gives the written copy the target's name, failing if that name is taken. */
    private static void publish(Path part, Path target) throws IOException {
        try {
            Files.createLink(target, part);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.move(part, target);   // no hard links on this file system: a move, which refuses a taken name too
        }
    }

    private static synchronized byte[] template() {
        if (!tried) {
            tried = true;
            bytes = make();
        }
        return bytes;
    }

    private static byte[] make() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("stratagem-history-template");
            JdbiHistoryStore.openMigrated(dir.resolve("template")).close();
            return Files.readAllBytes(dir.resolve("template.mv.db"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot make the history template; every new history file is migrated: {}", e.toString());
            return null;
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    files.forEach(H2Template::deleteQuietly);
                } catch (IOException e) {
                    LOG.debug("cannot list {}: {}", dir, e.toString());
                }
                deleteQuietly(dir);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", path, e.toString());
        }
    }
}
