package dev.stratagem.runtime.plugin.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies of plugin jars, {@code <store>/<pluginId>/<version>-<sha12>.jar} (the file name is the version's
 * {@link VersionIds id}), newest use first (by the file's
 * modification time, touched whenever a version becomes live). The runtime loads jars from here, and a
 * rollback picks one from here; the last K of each plugin are kept.
 */
final class VersionStore {

    private final Path root;
    private final int keep;
    private long lastTouch;

    VersionStore(Path root, int keep) {
        this.root = root.toAbsolutePath().normalize();
        this.keep = keep;
    }

    /** Copies a jar in (or finds the copy already there) and returns the copy. */
    Path put(Path jar, JarDescriptor d) throws IOException {
        Path target = file(d);
        if (jar.toAbsolutePath().normalize().equals(target)) {
            return target;
        }
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".part");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Marks a version as the most recently live and drops all but the newest K (never {@code live}). */
    synchronized void touch(Path stored) {
        try {
            // strictly increasing, so two swaps within one millisecond still order
            lastTouch = Math.max(System.currentTimeMillis(), lastTouch + 1);
            Files.setLastModifiedTime(stored, FileTime.fromMillis(lastTouch));
            List<Path> all = list(stored.getParent().getFileName().toString());
            for (int i = keep; i < all.size(); i++) {
                if (!all.get(i).equals(stored)) {
                    Files.deleteIfExists(all.get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the version store " + root, e);
        }
    }

    /** @return a plugin's stored jars, most recently live first */
    List<Path> list(String pluginId) {
        Path dir = root.resolve(pluginId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".jar")).toList());
            jars.sort(Comparator.comparing(VersionStore::mtime).reversed().thenComparing(Comparator.reverseOrder()));
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** @return whether this exact build (version and SHA-256) is stored already */
    boolean holds(JarDescriptor d) {
        return Files.isRegularFile(file(d));
    }

    /** @return the id of a stored jar, {@code <version>-<sha12>} */
    static String idOf(Path stored) {
        String name = stored.getFileName().toString();
        return name.substring(0, name.length() - ".jar".length());
    }

    void discard(Path stored, List<Path> keepIfListed) {
        if (!keepIfListed.contains(stored)) {
            try {
                Files.deleteIfExists(stored);
            } catch (IOException ignored) {
                // a leftover copy is harmless: pruned with the next accepted version
            }
        }
    }

    private Path file(JarDescriptor d) {
        return root.resolve(d.pluginId()).resolve(VersionIds.of(d.version(), d.shortSha()) + ".jar");
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
