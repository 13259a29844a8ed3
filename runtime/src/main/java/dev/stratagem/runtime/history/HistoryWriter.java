package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes history off the caller's thread: cycle records (paper and live, {@link #cycles}) or encoded blocks of them
 * (a backtest, {@link BlockRecorder}), in submission order, in batches of up to {@code batchSize} (one transaction
 * each), from one non-daemon thread.
 *
 * <p>The queue is bounded: when it is full, {@link #submit} blocks until the writer catches up, so a slow
 * database slows the cycles down instead of losing records or memory. A failed batch is retried item by
 * item, so one bad record costs only itself; whatever still fails is logged, counted in {@link #failed()},
 * kept in {@link #lastError()} and told to the sink ({@link CycleSink#notWritten}), and from then on every
 * {@link #flush()} (and {@link #close()}) throws a {@link HistoryWriteException} with that cause.
 *
 * @param <T> what is written: a {@link CycleRecord}, or a {@link BlockRecorder}'s hand-over of records it encodes
 *
 * <p>A submit does not wake the writer: the submitter calls {@link #wake()} once its latency-critical work
 * is done, and otherwise the writer looks at the queue every {@link #POLL_INTERVAL_MILLIS} ms (at once when
 * {@link #flush()}, {@link #close()} or a full batch asks). Woken inside submit, the writer was scheduled
 * onto the submitting cycle's CPU and pre-empted it before the cycle was published: in paper mode that was
 * the tail of the cycle latency (bench/run --only paper: a cycle's steps took a p50 of 6 us, the rest of its
 * handler a p99 of 766 us).
 */
public final class HistoryWriter<T> implements AutoCloseable {

    /** The default queue capacity of a record writer, in records. */
    public static final int DEFAULT_CAPACITY = 8192;
    /** The default largest batch of a record writer, in records. */
    public static final int DEFAULT_BATCH_SIZE = 512;
    /** How often an idle writer looks at its queue. */
    static final long POLL_INTERVAL_MILLIS = 10;
    private static final long POLL_INTERVAL_NANOS = POLL_INTERVAL_MILLIS * 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);

    /** Stores a batch, all of it or none. */
    @FunctionalInterface
    interface BatchSink<T> {
        void write(List<T> batch);

        /** An item whose batch failed and that failed alone too: it will not be written. */
        default void notWritten(T item) {}
    }

    private final BatchSink<T> sink;
    /** Names an item in messages: "cycle {@code <composeId>}", "cycles 1..512 of run {@code <runId>}". */
    private final Function<? super T, String> describe;
    /** What the items are, counted: "cycle record(s)". */
    private final String noun;
    private final BlockingQueue<T> queue;
    private final int batchSize;
    private final Thread thread;
    /** Orders submit against close, so nothing is queued after {@link #closed} is set. */
    private final ReentrantLock submitLock = new ReentrantLock();
    private final Object progress = new Object();

    private long submitted;          // guarded by submitLock
    private int sinceWake;           // guarded by submitLock
    private long processed;          // guarded by progress
    private volatile boolean dead;   // the writer thread ended; changed under progress
    /** Set by close() under submitLock, so after the last submit: the writer then stops once the queue is empty. */
    private volatile boolean closed;
    private volatile long written;   // written by the writer thread only
    private volatile long failed;    // written by the writer thread only
    private volatile Throwable lastError;
    /** The thread's whole CPU time, in nanoseconds, written as it ends; -1 while it runs. */
    private volatile long ended = -1;

    /**
     * A writer of cycle records with the default capacity and batch size.
     *
     * @param sink where the batches go, normally a {@link JdbiHistoryStore}
     * @return the writer, running
     */
    public static HistoryWriter<CycleRecord> cycles(CycleSink sink) {
        return cycles(sink, DEFAULT_CAPACITY, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param sink where the batches go
     * @param capacity the most records queued before {@link #submit} blocks
     * @param batchSize the most records per transaction
     * @return the writer, running
     */
    public static HistoryWriter<CycleRecord> cycles(CycleSink sink, int capacity, int batchSize) {
        Objects.requireNonNull(sink, "sink");
        BatchSink<CycleRecord> batches = new BatchSink<>() {
            @Override
            public void write(List<CycleRecord> batch) {
                sink.writeCycles(batch);
            }

            @Override
            public void notWritten(CycleRecord record) {
                sink.notWritten(record);
            }
        };
        return new HistoryWriter<>(batches, r -> "cycle " + r.composeId() + " of run " + r.runId(),
                "cycle record(s)", capacity, batchSize);
    }

    HistoryWriter(BatchSink<T> sink, Function<? super T, String> describe, String noun, int capacity,
            int batchSize) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.describe = describe;
        this.noun = noun;
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "history writer capacity and batchSize must be positive, were " + capacity + " and " + batchSize);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, "stratagem-history-writer");
        thread.setDaemon(false);
        thread.start();
    }

    /**
     * Queues an item; blocks while the queue is full. Does not wake the writer: see {@link #wake()}.
     *
     * @param item the record or block
     * @throws IllegalStateException after {@link #close()}
     * @throws HistoryWriteException if interrupted while waiting for room (the item is not queued)
     */
    public void submit(T item) {
        Objects.requireNonNull(item, "item");
        submitLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("history writer is closed; " + describe.apply(item) + " not queued");
            }
            if (dead) {
                throw writerStopped(item);
            }
            if (!queue.offer(item)) {
                wake(); // full: the writer must not sleep out its poll interval first
                putWhileWriterLives(item);
            }
            submitted++;
            if (++sinceWake >= batchSize) {
                sinceWake = 0;
                wake();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryWriteException("interrupted while queueing " + describe.apply(item), e);
        } finally {
            submitLock.unlock();
        }
    }

    /** Lets the writer start on what is queued now (it also looks by itself every few milliseconds). */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * Blocks until every item submitted before this call is committed (or has failed).
     *
     * @throws HistoryWriteException if any item has failed since this writer started
     */
    public void flush() {
        long target;
        submitLock.lock();
        try {
            target = submitted;
        } finally {
            submitLock.unlock();
        }
        wake();
        synchronized (progress) {
            while (processed < target && !dead) {
                try {
                    progress.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HistoryWriteException("interrupted while flushing the history", e);
                }
            }
        }
        throwIfFailed();
    }

    /**
     * Writes everything queued, then stops the writer thread. Every call, a later or a concurrent one too, returns
     * once the writer thread has stopped, and throws as the first did.
     *
     * @throws HistoryWriteException if any item has failed since this writer started
     */
    @Override
    public void close() {
        submitLock.lock();
        try {
            if (!closed) {   // a second closer (a shutdown hook racing the kernel's stop) waits for the drain too
                closed = true;
                wake();
            }
        } finally {
            submitLock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throwIfFailed();
    }

    /** @return the number of items committed so far */
    public long written() {
        return written;
    }

    /** @return the number of items that could not be written */
    public long failed() {
        return failed;
    }

    /**
     * @return the writer thread's CPU time so far in nanoseconds, its whole CPU time once it ended, 0 where the JVM
     *     does not measure it
     */
    public long cpuNanos() {
        if (ended >= 0) {
            return ended;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long now = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.threadId()) : 0;
        return now >= 0 ? now : Math.max(0, ended);   // -1: it ended between the two reads
    }

    /** @return the number of items waiting in the queue */
    public int queued() {
        return queue.size();
    }

    /** @return the last write failure, if any */
    public Throwable lastError() {
        return lastError;
    }

    private void throwIfFailed() {
        Throwable error = lastError;
        if (error != null) {
            throw new HistoryWriteException(failed + " " + noun + " were not written to the history", error);
        }
    }

    /** Waits for room, but not for a writer that has died (it would never make any). */
    private void putWhileWriterLives(T item) throws InterruptedException {
        while (!queue.offer(item, POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (dead) {
                throw writerStopped(item);
            }
        }
    }

    private HistoryWriteException writerStopped(T item) {
        return new HistoryWriteException("history writer thread has stopped; " + describe.apply(item) + " not queued",
                lastError);
    }

    // Nobody interrupts this thread on purpose: an interrupt during a write would close H2's file channel.
    private void run() {
        List<T> batch = new ArrayList<>(batchSize);
        try {
            while (true) {
                Thread.interrupted(); // keep draining, and never carry an interrupt into a write: see above
                boolean last = closed; // read before the queue: close() sets it after the last submit
                queue.drainTo(batch, batchSize);
                if (!batch.isEmpty()) {
                    write(batch);
                    batch.clear();
                } else if (last) {
                    return;
                } else {
                    // waits without being signalled by submit: see the class comment
                    LockSupport.parkNanos(this, POLL_INTERVAL_NANOS);
                }
            }
        } catch (Throwable t) {
            lastError = t;
            LOG.error("history writer stopped; {} queued items not written", queue.size() + batch.size(), t);
            throw t;
        } finally {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            ended = threads.isCurrentThreadCpuTimeSupported() ? Math.max(0, threads.getCurrentThreadCpuTime()) : 0;
            synchronized (progress) {
                dead = true;
                progress.notifyAll();
            }
        }
    }

    private void write(List<T> batch) {
        try {
            sink.write(batch);
            written += batch.size();
        } catch (RuntimeException batchError) {
            LOG.warn("history batch of {} ({} .. {}) failed, retrying one by one: {}", batch.size(),
                    describe.apply(batch.getFirst()), describe.apply(batch.getLast()), batchError.toString());
            retryOneByOne(batch);
        } finally {
            synchronized (progress) {
                processed += batch.size();
                progress.notifyAll();
            }
        }
    }

    /** A sink that throws when told is logged: the writer goes on with the rest of the batch. */
    private void tellNotWritten(T item) {
        try {
            sink.notWritten(item);
        } catch (RuntimeException e) {
            LOG.error("the history sink failed on being told that {} was not written", describe.apply(item), e);
        }
    }

    private void retryOneByOne(List<T> batch) {
        for (T item : batch) {
            try {
                sink.write(List.of(item));
                written++;
            } catch (RuntimeException e) {
                failed++;
                lastError = e;
                LOG.error("{} was not written to the history", describe.apply(item), e);
                tellNotWritten(item);
            }
        }
    }
}
