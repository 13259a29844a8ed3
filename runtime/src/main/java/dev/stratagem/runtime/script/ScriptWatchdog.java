package dev.stratagem.runtime.script;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interrupts a script call that runs past its time budget. A call costs a few plain and volatile writes and a
 * compare-and-set (no task is scheduled per call, which would cost more than a whole bar); one daemon thread ticks
 * every {@link #TICK_MILLIS} ms and hands each call it finds over budget to the {@link ScriptInterrupter}, which
 * interrupts it off this thread: the tick never waits for a call to stop, so one script that ignores its interrupt
 * does not keep the others from being watched. An interrupted context stays usable for the next call; one whose
 * call ignores the interrupt past the grace is abandoned (see {@link ScriptSupervisor}).
 *
 * <p>The budget is the calling thread's CPU time, not wall time: on a loaded machine a thread that waits
 * for a core is starved, not slow, and must not be interrupted for it. The tick takes a CPU-time baseline
 * the first time it sees a call (within one tick of its start) and interrupts once the call is over budget
 * both in wall time and in CPU time since that baseline plus one tick. Where thread CPU time is not
 * available, wall time alone decides, and so it does for a call that has run past its budget plus the grace in wall
 * time while hardly using its thread's CPU (a Python {@code time.sleep}).
 *
 * <p>Work the JVM does on the calling thread is not the script's: the first load of a class, the first link of
 * a method handle (a host method's first call, an action GraalPy runs at a safepoint poll loading its
 * classes). A call found over budget while its innermost guest function is waiting on such work (read from
 * its stack, only then) gets one more budget, up to {@link #MAX_EXTENSIONS} times, so a backtest's result does
 * not depend on how loaded the machine was when such a one-off happened. A script cannot stay in such work:
 * it can load no class, and guest code run from inside runtime work (a weakref callback) is its own function
 * on the stack, so an endless loop is interrupted on time.
 */
final class ScriptWatchdog {

    static final long TICK_MILLIS = 2;
    /** How many times one call may be given another budget for runtime work on its thread. */
    static final int MAX_EXTENSIONS = 20;
    private static final String[] RUNTIME_WORK = {
        "java.lang.ClassLoader.", "jdk.internal.loader.", "java.lang.Class.forName", "java.lang.Class.getDeclared",
        "java.lang.invoke.MethodHandle.as", "java.lang.invoke.MethodHandles.", "java.lang.invoke.MethodHandleImpl.",
        "java.lang.invoke.InvokerBytecodeGenerator.", "java.lang.invoke.LambdaForm", "sun.invoke.",
    };
    /** The frames of a guest function: runtime work counts only above the innermost one. */
    private static final String[] GUEST_CALL = {
        "com.oracle.truffle.runtime.OptimizedCallTarget.", "com.oracle.truffle.api.impl.DefaultCallTarget.",
    };
    /** Frames of the interrupted thread's stack the log shows. */
    static final int DIAGNOSIS_FRAMES = 24;
    private static final Logger LOG = LoggerFactory.getLogger(ScriptWatchdog.class);
    static final ScriptWatchdog SHARED = new ScriptWatchdog();
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);

    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTime;

    private ScriptWatchdog() {
        boolean supported = threads.isThreadCpuTimeSupported();
        if (supported && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        cpuTime = supported;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "script-watchdog");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * @param name what the log calls the guarded script
     * @param role the role it plays (the cycle step an abandoned call fails)
     * @param context its context
     * @param budget the time one call may take
     * @param grace how long an interrupted call may ignore the interrupt before it is abandoned
     * @return the guard its calls enter and exit
     */
    Guard guard(String name, ScriptRole role, Context context, Duration budget, Duration grace) {
        Guard guard = new Guard(name, role, context, budget.toNanos(), grace);
        guards.add(guard);
        return guard;
    }

    private void tick() {
        long now = System.nanoTime();
        for (Guard g : guards) {
            try {
                check(g, now);
            } catch (RuntimeException e) {
                LOG.error("watching {} failed: {}", g.name, e.toString()); // the tick goes on: it watches every script
            }
        }
    }

    private void check(Guard g, long now) {
        long started = g.startedAt;
        if (started == 0 || started == Guard.ABANDONED || g.firedFor == started) {
            return;
        }
        Thread caller = g.caller;
        long cpu = cpuTime && caller != null ? threads.getThreadCpuTime(caller.threadId()) : -1;
        if (started != g.seenStart) {
            g.seenStart = started;
            g.cpuBaseline = cpu;
            g.extensions = 0;
            return;
        }
        long limit = g.limitNanos * (1 + g.extensions);
        boolean overWall = now - started > limit;
        boolean overCpu = cpu < 0 || g.cpuBaseline < 0 || cpu - g.cpuBaseline + TICK_NANOS > limit
                || now - started > limit + g.grace.toNanos();
        if (overWall && overCpu && g.startedAt == started) {
            StackTraceElement[] stack = caller.getStackTrace();
            boolean runtimeWork = g.extensions < MAX_EXTENSIONS && inRuntimeWork(stack);
            if (g.startedAt != started) {
                return; // the call ended while its stack was read (a handshake): the next one is not over
            }
            if (runtimeWork) {
                g.extensions++;
            } else {
                g.firedFor = started;
                ScriptInterrupter.stop(g, started);   // first: the log line must not delay it
                LOG.warn("interrupted {}: {}", g.name, diagnosis(now - started,
                        cpu < 0 || g.cpuBaseline < 0 ? -1 : cpu - g.cpuBaseline, g.extensions, stack));
            }
        }
    }

    /**
     * What the log says when a call is interrupted, so that one nobody expected (a warm call of a script with
     * nothing to loop on) can be told from an endless loop: how long the call ran, how much of its thread's CPU
     * it took, and where the thread was.
     *
     * @param wallNanos the call's wall time so far
     * @param cpuNanos its thread's CPU time since the watchdog first saw the call, or -1 if not known
     * @param extensions the budgets it was given for runtime work
     * @param stack its thread's stack when found over budget
     * @return one line and the innermost frames
     */
    static String diagnosis(long wallNanos, long cpuNanos, int extensions, StackTraceElement[] stack) {
        StringBuilder why = new StringBuilder().append(TimeUnit.NANOSECONDS.toMillis(wallNanos)).append(" ms wall, ")
                .append(cpuNanos < 0 ? "thread CPU time unknown"
                        : TimeUnit.NANOSECONDS.toMillis(cpuNanos) + " ms of its thread's CPU")
                .append(", ").append(extensions).append(" extension(s) for runtime work; its thread was at:");
        for (int i = 0; i < Math.min(stack.length, DIAGNOSIS_FRAMES); i++) {
            why.append("\n\tat ").append(stack[i]);
        }
        if (stack.length > DIAGNOSIS_FRAMES) {
            why.append("\n\t... ").append(stack.length - DIAGNOSIS_FRAMES).append(" more");
        }
        return why.toString();
    }

    /**
     * @return whether a stack shows the JVM at work for the innermost guest function rather than that function
     *     itself: only the frames above it count, so guest code run from inside runtime work (a GraalPy weakref
     *     callback, say) is still the script's
     */
    static boolean inRuntimeWork(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String where = frame.getClassName() + "." + frame.getMethodName();
            if (startsWithAny(where, GUEST_CALL)) {
                return false;
            }
            if (startsWithAny(where, RUNTIME_WORK)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String where, String[] prefixes) {
        for (String prefix : prefixes) {
            if (where.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The watch over one context's calls. */
    static final class Guard {
        /** {@link #startedAt} of a call that was abandoned: the guard takes no more calls. */
        static final long ABANDONED = Long.MIN_VALUE;
        private static final VarHandle STARTED;

        static {
            try {
                STARTED = MethodHandles.lookup().findVarHandle(Guard.class, "startedAt", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final String name;
        final ScriptRole role;
        /** {@code null} once {@link #detach detached}; the interrupter's uses of it catch the failure of a null. */
        volatile Context context;
        final Duration grace;
        private final long budgetNanos;
        /** When the running call started (its identity), 0 between calls, {@link #ABANDONED} for good. */
        private volatile long startedAt;
        private volatile long limitNanos;
        /**
         * The start of the call the watchdog fired on, 0 before any: a call's own start, so a tick that fires just as
         * that call returns cannot mark the next call fired (which a flag reset by the next call's start could).
         */
        private volatile long firedFor;
        volatile Thread caller;
        /** The running call's function; written before {@link #startedAt}, so read after it. */
        private String function = "";
        private volatile ScriptFailure abandonment;
        private long seenStart;
        private long cpuBaseline;
        private int extensions;

        private Guard(String name, ScriptRole role, Context context, long budgetNanos, Duration grace) {
            this.name = name;
            this.role = role;
            this.context = context;
            this.budgetNanos = budgetNanos;
            this.grace = grace;
        }

        /**
         * Starts a call.
         *
         * @param nanos its budget (loading a script and its first calls get more than the per-call one)
         * @param name the function called (empty: loading the source), for the failure that abandons it
         * @return the call's start, which {@link #exit} takes
         * @throws ScriptFailure if an earlier call was abandoned: this version's context is gone
         */
        long enter(long nanos, String name) {
            if (startedAt == ABANDONED) {
                throw new ScriptFailure(this.name + " cannot be called: its context was discarded when a call of "
                        + "it was abandoned", false);
            }
            Thread current = Thread.currentThread();
            if (caller != current) {
                caller = current;
            }
            if (function != name) {
                function = name;
            }
            if (limitNanos != nanos) {
                limitNanos = nanos;
            }
            long now = System.nanoTime();
            startedAt = now;
            return now;
        }

        /**
         * Ends a call. On a thread whose call was abandoned meanwhile it does not return: the thread is
         * {@link ScriptSupervisor#retire retired}.
         *
         * @param started what {@link #enter} returned
         * @return whether the watchdog interrupted the call
         */
        boolean exit(long started) {
            if (!STARTED.compareAndSet(this, started, 0L)) {
                ScriptSupervisor.retire();
            }
            return firedFor == started;
        }

        /** @return whether the call that started at {@code started} is still running (and not abandoned) */
        boolean running(long started) {
            return startedAt == started;
        }

        /**
         * Gives up on a call: from now on its thread never returns from {@link #exit}.
         *
         * @return false if the call ended first
         */
        boolean abandon(long started, ScriptFailure failure) {
            abandonment = failure;
            return STARTED.compareAndSet(this, started, ABANDONED);
        }

        /** @return whether a call is running (and not abandoned) */
        boolean busy() {
            long started = startedAt;
            return started != 0 && started != ABANDONED;
        }

        /** @return whether a call was abandoned: its context is gone */
        boolean abandoned() {
            return startedAt == ABANDONED;
        }

        /** @return why a call was abandoned, {@code null} if none was */
        ScriptFailure abandonment() {
            return abandoned() ? abandonment : null;
        }

        /** @return what the running call does, for the log: {@code compose()}, say, or loading the source */
        String call() {
            return function.isEmpty() ? "loading its source" : function + "()";
        }

        long budgetNanos() {
            return budgetNanos;
        }

        long budgetMillis() {
            return TimeUnit.NANOSECONDS.toMillis(limitNanos);
        }

        void release() {
            SHARED.guards.remove(this);
        }

        /** Drops the guard's reference to its closed context, so the heap the context held can be collected. */
        void detach() {
            context = null;
        }
    }
}
