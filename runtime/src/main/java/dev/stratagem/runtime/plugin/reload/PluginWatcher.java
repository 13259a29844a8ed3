package dev.stratagem.runtime.plugin.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code plugins/} for {@code *.jar} files. Events for one file are debounced (a new event restarts
 * its timer); when the file has been quiet for the debounce it is offered (it exists) or reported removed.
 * An overflow (lost events) rescans the folder. Holds no handle into the folder beyond the watch itself.
 */
final class PluginWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginWatcher.class);

    private final Path dir;
    private final Duration debounce;
    private final Reloader reloader;
    private final WatchService watch;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("plugin-debounce").daemon().factory());
    private final Map<Path, ScheduledFuture<?>> due = new ConcurrentHashMap<>();
    private final Map<Path, Long> firstSeen = new ConcurrentHashMap<>();
    private final Thread thread;

    PluginWatcher(Path dir, Duration debounce, Reloader reloader) {
        this.dir = dir;
        this.debounce = debounce;
        this.reloader = reloader;
        try {
            this.watch = dir.getFileSystem().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir, e);
        }
        thread = Thread.ofPlatform().name("plugin-watch").daemon().start(this::loop);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        rescan();
                    } else if (event.context() instanceof Path name && name.toString().endsWith(".jar")) {
                        schedule(dir.resolve(name));
                    }
                }
                if (!key.reset()) {
                    LOG.error("{} is no longer watchable (deleted?): hot reload stops", dir);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private void rescan() {
        LOG.warn("file events for {} overflowed: rescanning", dir);
        Set<Path> seen = new java.util.HashSet<>(reloader.knownJars());
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(p -> {
                seen.add(p);
            });
        } catch (IOException e) {
            LOG.error("cannot rescan {}: {}", dir, e.toString());
        }
        seen.forEach(this::schedule);
    }

    private void schedule(Path jar) {
        firstSeen.putIfAbsent(jar, System.nanoTime());
        due.compute(jar, (p, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return timers.schedule(() -> fire(p), debounce.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void fire(Path jar) {
        due.remove(jar);
        Long seen = firstSeen.remove(jar);
        long detected = seen == null ? System.nanoTime() : seen;
        var attempt = Files.exists(jar) ? reloader.offer(jar, "WATCH", detected) : reloader.removed(jar, detected);
        // an attempt records its own outcome; one that could not says so here, or nothing would
        attempt.whenComplete((event, failure) -> {
            if (failure != null) {
                LOG.error("hot reload of {} failed before it recorded an outcome", jar, failure);
            }
        });
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
        timers.shutdownNow();
    }
}
