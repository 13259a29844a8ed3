package dev.stratagem.runtime.script;

import dev.stratagem.api.Candle;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.CycleOutcome;
import dev.stratagem.runtime.cycle.StrategyComponents;
import java.lang.management.ManagementFactory;
import java.lang.reflect.UndeclaredThrowableException;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Runs work that calls scripts (a strategy's cycles, a backtest's replay loop, a script's build and validation) on
 * a thread of its own while the caller waits, so that a script call which cannot be stopped can be left behind.
 *
 * <p>A script runs on the thread that calls it: handing every call to a thread of the script's own (a spinning
 * handoff) cost 0.35-0.45 us a call on a quiet machine, where a whole JavaScript cycle takes about 1 us, and made
 * the script backtests 5-10 times slower on a loaded one. So a call stuck in work the language runtime cannot
 * interrupt (a builtin on a huge number, say: the JVM cannot stop a thread) holds its thread until it returns,
 * which may be never. When the watchdog gives up on such a call on a supervisor's thread (past its budget, and its
 * interrupt ignored for the grace: {@link ScriptInterrupter}), that thread is abandoned where it stands: it never
 * runs another line of the work (if the call ever returns, the thread parks for good), its caller stops waiting
 * and handles the failure instead (a cycle is recorded failed and the run goes on), and the next work runs on a
 * new thread. A script called on any other thread is interrupted again and again until it returns.
 *
 * <p>One caller at a time. The handoff (an unpark and a park) costs microseconds, once per backtest, per live
 * cycle or per reload attempt, never per script call.
 */
public final class ScriptSupervisor implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String name;
    /** Every thread this supervisor started, the abandoned ones too (for their CPU time). */
    private final List<Worker> started = new ArrayList<>(1);
    private Worker worker;

    /** @param name what its threads are called after */
    public ScriptSupervisor(String name) {
        this.name = name;
    }

    /**
     * @return whether the components include a script, whose calls then run on a supervisor's thread (for assembled
     *     components; before assembly, {@code StrategyAssembler.hasScripts} tells the same from the strategy file)
     */
    public static boolean needed(StrategyComponents components) {
        return components.parts().stream().anyMatch(part -> part instanceof ReloadableScript);
    }

    /**
     * Runs work on this supervisor's thread and waits for it. An interrupt of the caller is passed on to that thread,
     * and an interrupt the work leaves set comes back with its result.
     *
     * @param work what to run
     * @param abandoned what to return instead when a script call of the work is abandoned; runs on the caller's
     *     thread, given the failure, while the work's thread stays where the call left it
     * @return what the work or {@code abandoned} returned
     */
    public <T> T call(Supplier<T> work, Function<ScriptFailure, T> abandoned) {
        if (worker != null && Thread.currentThread() == worker) {
            return work.get();   // already on it (a load during a cycle): an abandoned call is this work's
        }
        if (worker == null) {
            worker = new Worker("script-supervised-" + name + (started.isEmpty() ? "" : "-" + (started.size() + 1)));
            started.add(worker);
        }
        Job<T> job = new Job<>(work, Thread.currentThread(), MDC.getCopyOfContextMap());
        worker.run(job);
        int state;
        boolean interrupted = false;
        while ((state = job.state.get()) == Job.RUNNING) {
            LockSupport.park(job);
            if (Thread.interrupted()) {
                interrupted = true;
                worker.interrupt();
            }
        }
        if (state == Job.ABANDONED) {
            worker = null;   // left where it stands: the next work gets a new thread
            if (interrupted) {
                Thread.currentThread().interrupt();   // passed to the stuck thread, which will not hand it back
            }
            return abandoned.apply(job.abandonment);
        }
        if (job.interruptLeft || interrupted) {   // the caller keeps an interrupt it was sent, whatever the job did with it
            Thread.currentThread().interrupt();
        }
        if (job.thrown instanceof RuntimeException e) {
            throw e;
        }
        if (job.thrown instanceof Error e) {
            throw e;
        }
        if (job.thrown != null) {
            throw new UndeclaredThrowableException(job.thrown);
        }
        return job.result;
    }

    /**
     * Runs one cycle on this supervisor's thread (a live strategy's).
     *
     * @return the cycle; failed at its script's step if a script call of it was abandoned
     */
    public CycleOutcome cycle(CycleCoordinator coordinator, List<Candle> slice) {
        return call(() -> coordinator.run(slice), failure -> failed(coordinator, failure));
    }

    /**
     * Runs cycles on this supervisor's thread until {@code slices} gives an empty slice (a backtest's replay). A cycle
     * whose script call is abandoned is ended failed from the caller's thread, and the rest run on a new thread.
     *
     * @param slices the next slice of bars, empty at the end; called on the cycles' thread
     * @param each told every cycle's outcome, on the cycles' thread (for an abandoned cycle, the caller's)
     */
    public void cycles(CycleCoordinator coordinator, Supplier<List<Candle>> slices, Consumer<CycleOutcome> each) {
        boolean done = false;
        while (!done) {
            done = call(() -> {
                for (List<Candle> slice = slices.get(); !slice.isEmpty(); slice = slices.get()) {
                    each.accept(coordinator.run(slice));
                }
                return true;
            }, failure -> {
                each.accept(failed(coordinator, failure));
                return false;
            });
        }
    }

    private static CycleOutcome failed(CycleCoordinator coordinator, ScriptFailure failure) {
        return coordinator.failInFlight(failure.abandonedIn().step(), failure);
    }

    /** @return the CPU time of the threads this supervisor started, abandoned ones included, in nanoseconds */
    public long cpuNanos() {
        long sum = 0;
        for (Worker w : started) {
            sum += Math.max(0, THREADS.getThreadCpuTime(w.threadId()));
        }
        return sum;
    }

    /** Lets its thread end once idle; an abandoned one stays where it is. */
    @Override
    public void close() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    /** @return whether a script call on {@code thread} can be abandoned (the thread is a supervisor's) */
    static boolean supervises(Thread thread) {
        return thread instanceof Worker;
    }

    /**
     * Abandons the work running on a supervisor's thread: its caller gets the failure. The watchdog's interrupter
     * calls this once it has made sure the stuck call will never return into the work ({@link #retire}).
     */
    static void abandon(Thread thread, ScriptFailure failure) {
        if (thread instanceof Worker w) {
            Job<?> job = w.running;
            if (job != null) {
                job.abandon(failure);
            }
        }
    }

    /**
     * On a supervisor's thread whose call was abandoned, when the call returns after all: the work's frames below
     * belong to a cycle that was ended without it, so the thread parks for good instead of running them (the
     * interrupter logs it).
     */
    static void retire() {
        for (;;) {
            LockSupport.park();
            Thread.interrupted();
        }
    }

    /** One piece of work handed to the thread, and how it ended. */
    private static final class Job<T> {
        static final int RUNNING = 0;
        static final int DONE = 1;
        static final int ABANDONED = 2;

        final Supplier<T> work;
        final Thread caller;
        final Map<String, String> mdc;
        final AtomicInteger state = new AtomicInteger(RUNNING);
        T result;
        Throwable thrown;
        boolean interruptLeft;
        volatile ScriptFailure abandonment;

        Job(Supplier<T> work, Thread caller, Map<String, String> mdc) {
            this.work = work;
            this.caller = caller;
            this.mdc = mdc;
        }

        /** On the supervisor's thread. */
        void run() {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                result = work.get();
            } catch (Throwable e) {
                thrown = e;
            } finally {
                MDC.clear();
                interruptLeft = Thread.interrupted();
            }
            if (state.compareAndSet(RUNNING, DONE)) {
                LockSupport.unpark(caller);
            }
        }

        void abandon(ScriptFailure failure) {
            abandonment = failure;
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** A supervisor's thread: runs one job at a time, parked in between. */
    private static final class Worker extends Thread {
        /** The job handed over and not taken yet. */
        private volatile Job<?> pending;
        /** The job taken last: the one running, if any. */
        private volatile Job<?> running;
        private volatile boolean closed;

        Worker(String name) {
            super(name);
            setDaemon(true);
            start();
        }

        void run(Job<?> next) {
            pending = next;
            LockSupport.unpark(this);
        }

        void close() {
            closed = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Job<?> next = pending;
                // An interrupt its caller passed on as the last job ended belongs to no job: left set, it would reach
                // the next job, or make park return at once (a spinning idle thread). Cleared after reading the job,
                // so one sent before that job was handed over is gone too; its caller keeps its own.
                Thread.interrupted();
                if (next != null) {
                    pending = null;   // before the job ends: its caller may hand over the next one at once
                    running = next;
                    next.run();
                } else if (closed) {
                    return;
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
