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
 * builtin on a huge number, a long host call), which no one can stop. On a {@link ScriptSupervisor}'s thread the call
 * is abandoned: the supervisor's caller gets the failure at once, and the context is closed (cancelled: no more guest
 * code runs in it) once the stuck thread leaves it, whenever that is. On any other thread it is interrupted again and
 * again until it returns, then fails as over budget.
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
                if (ScriptSupervisor.supervises(g.caller)) {
                    abandon(g, started);
                    return;
                }
                if (!told) {
                    told = true;
                    LOG.warn("{} {} ignores its interrupt ({} ms so far): its thread {} is not one the runtime can"
                            + " leave behind, so it is interrupted until it returns", g.name, g.call(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), g.caller.getName());
                }
            } catch (RuntimeException e) {
                return; // the context was closed meanwhile
            }
        }
    }

    /** Closes (cancels) a context whose call still runs, here: the caller need not wait for the call to leave. */
    static void close(ScriptWatchdog.Guard g) {
        THREADS.execute(() -> {
            try {
                g.context.close(true);
            } catch (RuntimeException e) {
                LOG.debug("closing the context of {}: {}", g.name, e.toString());
            }
        });
    }

    private static void abandon(ScriptWatchdog.Guard g, long started) {
        long ran = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        ScriptFailure failure = ScriptFailure.abandoned("script " + g.name + " " + g.call() + " ran past its "
                + g.budgetMillis() + " ms budget and did not stop within " + g.grace.toMillis() + " ms of its"
                + " interrupt (it is in work the language runtime cannot interrupt, such as a builtin on a huge"
                + " number): stopped after " + ran + " ms and left running on its own thread", "its context is"
                + " discarded, and the next call runs in a new context built from the same source, which starts"
                + " without the state the script kept in memory (at a hot-reload swap, the reload's outcome says which"
                + " version serves instead)", g.role);
        if (!g.abandon(started, failure)) {
            return; // it returned just now
        }
        ScriptSupervisor.abandon(g.caller, failure);
        LOG.warn("{}", failure.getMessage());
        g.release();
        try {
            g.context.close(true);   // waits here until the thread leaves the call, if it ever does
        } catch (RuntimeException e) {
            LOG.debug("closing the abandoned context of {}: {}", g.name, e.toString());
        }
        LOG.warn("the abandoned call of {} {} returned after {} ms and its context is closed; its thread {} stays"
                + " parked for good", g.name, g.call(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                g.caller.getName());
    }
}
