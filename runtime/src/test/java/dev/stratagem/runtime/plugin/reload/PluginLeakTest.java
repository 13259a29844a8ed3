package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #3, item 6: 200 reloads of one plugin leave no old class loader reachable and no handle into plugins/. */
class PluginLeakTest {

    @TempDir
    Path tmp;

    @Test
    void two_hundred_reloads_leave_no_class_loader_and_no_file_handle_behind() throws Exception {
        Path plugins = ReloadFixture.pluginsWithV1(tmp);
        Path[] jars = {ReloadFixture.jar("reload-v2"), ReloadFixture.jar("reload-v1")};
        List<WeakReference<ClassLoader>> old = new ArrayList<>();
        ReloadSettings settings = new ReloadSettings(tmp.resolve("versions"), Duration.ofMillis(50), 50, 5,
                Duration.ofSeconds(2), false);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("history"));
                HotReload hot = HotReload.start(plugins, settings, store)) {
            Reloader reloader = reloaderOf(hot);
            for (int i = 0; i < 200; i++) {
                old.add(new WeakReference<>(reloader.live().get("reload-probe").classLoader()));
                Path drop = Files.copy(jars[i % 2], tmp.resolve("drop-" + i + ".jar"));
                ReloadEvent e = reloader.offer(drop, "WATCH", System.nanoTime()).get();
                assertThat(e.outcome()).as(e.reason()).isEqualTo(ReloadEvent.LOADED);
                Files.delete(drop);
            }
            assertThat(hot.history("reload-probe")).hasSize(200); // the newest 200 of 201 (the start)
            awaitCollected(old);
            assertThat(openFilesUnder(plugins)).isEmpty();
            assertThat(openFilesUnder(tmp.resolve("versions")))
                    .as("only the live versions' jars are open").hasSizeLessThanOrEqualTo(4);
        }
        assertThat(openFilesUnder(tmp)).filteredOn(p -> p.toString().endsWith(".jar")).isEmpty();
    }

    private static Reloader reloaderOf(HotReload hot) throws ReflectiveOperationException {
        var field = HotReload.class.getDeclaredField("reloader");
        field.setAccessible(true);
        return (Reloader) field.get(hot);
    }

    private static void awaitCollected(List<WeakReference<ClassLoader>> refs) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (refs.stream().anyMatch(r -> r.get() != null)) {
            if (System.nanoTime() > deadline) {
                long alive = refs.stream().filter(r -> r.get() != null).count();
                throw new AssertionError(alive + " of " + refs.size() + " old plugin class loaders are still reachable");
            }
            System.gc();
            Thread.onSpinWait();
        }
    }

    private static List<Path> openFilesUnder(Path dir) throws IOException {
        Path root = dir.toRealPath();
        List<Path> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(root)) {
                        open.add(target);
                    }
                } catch (IOException gone) {
                    // closed while listing
                }
            }
        }
        return open;
    }
}
