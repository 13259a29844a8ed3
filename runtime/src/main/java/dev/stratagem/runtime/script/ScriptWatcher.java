package dev.stratagem.runtime.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a script folder and says so when a file in it is saved. Events that arrive together (an editor
 * writes a file in several steps) are coalesced into one change. One watcher serves every component built
 * from the folder (several roles, several strategies): {@link ScriptHotReload} reloads them all.
 */
public final class ScriptWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptWatcher.class);
    private static final long SETTLE_MILLIS = 25;

    private final WatchService watch;
    private final Thread thread;
    private final AutoCloseable owned;

    /**
     * Starts watching a script composer's folder, reloading it on every change.
     *
     * @param composer the script composer
     * @param onOutcome told about every reload attempt (record it as an event), on the watch thread
     */
    public ScriptWatcher(ScriptComposer composer, Consumer<ReloadOutcome> onOutcome) {
        this(composer, new ScriptReloader(composer), true, onOutcome);
    }

    /**
     * Starts watching with a given reloader (shared with rollback and reload on demand; not closed here).
     *
     * @param composer the script composer
     * @param reloader its reloader
     * @param onOutcome told about every reload attempt, on the watch thread
     */
    public ScriptWatcher(ScriptComposer composer, ScriptReloader reloader, Consumer<ReloadOutcome> onOutcome) {
        this(composer, reloader, false, onOutcome);
    }

    private ScriptWatcher(ScriptComposer composer, ScriptReloader reloader, boolean ownsReloader,
            Consumer<ReloadOutcome> onOutcome) {
        this(composer.recipe().folder(), composer.id(), () -> {
            ReloadOutcome outcome = reloader.reload().join();
            try {
                onOutcome.accept(outcome);
            } catch (RuntimeException e) {
                LOG.error("reload listener failed: {}", e.toString());
            }
        }, ownsReloader ? reloader : null);
    }

    /**
     * Starts watching a folder.
     *
     * @param folder the script folder
     * @param name names the watch thread
     * @param onChange run on the watch thread after each (coalesced) change
     */
    ScriptWatcher(Path folder, String name, Runnable onChange) {
        this(folder, name, onChange, null);
    }

    private ScriptWatcher(Path folder, String name, Runnable onChange, AutoCloseable owned) {
        this.owned = owned;
        try {
            watch = FileSystems.getDefault().newWatchService();
            folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + folder, e);
        }
        thread = Thread.ofPlatform().daemon().name("script-watch-" + name).start(() -> loop(onChange));
    }

    private void loop(Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watch.take();
                key.pollEvents();
                key.reset();
                // coalesce the burst of events one save produces
                for (WatchKey more; (more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    more.pollEvents();
                    more.reset();
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.error("reloading after a change failed: {}", e.toString());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.debug("closing the reloader: {}", e.toString());
            }
        }
    }
}
