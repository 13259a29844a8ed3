package dev.stratagem.runtime.script;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a script call the {@link ScriptWatchdog} found over budget, on a thread of its own (interrupting a context
 * waits for the call to stop, and the watchdog's tick must not wait). It interrupts the context and waits up to the
 * grace. A call still running then ignores interrupts: it is in work the language runtime does not interrupt (a
 * builtin on a huge number, a long host call), which no one can stop. It is interrupted again and again until it
 * returns, then fails as over budget; its context stays usable (before, it was closed, and the script failed every
 * call after).
 */
final class ScriptInterrupter {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptInterrupter.class);
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "script-interrupt");
        t.setDaemon(true);
        return t;
    });

    private ScriptInterrupter() {}

    /**
     * @param guard the guard of the call
     * @param started the call's start (its identity: a later call of the same context is not stopped)
     */
    static void stop(ScriptWatchdog.Guard guard, long started) {
        THREADS.execute(() -> run(guard, started));
    }

    private static void run(ScriptWatchdog.Guard g, long started) {
        boolean told = false;
        while (g.running(started)) {
            try {
                g.context.interrupt(g.grace);
                return;
            } catch (TimeoutException e) {
                if (!told) {
                    told = true;
                    LOG.warn("{} {} ignores its interrupt ({} ms so far; it is in work the language runtime cannot"
                            + " interrupt): it is interrupted until it returns", g.name, g.call(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                }
            } catch (RuntimeException e) {
                return; // the context was closed meanwhile
            }
        }
    }
}
