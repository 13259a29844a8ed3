package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.StageTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes cycle records off the caller's thread: in submission order, in batches of up to {@code batchSize}
 * (one transaction each), from one non-daemon thread.
 *
 * <p>The queue is bounded: when it is full, {@link #submit} blocks until the writer catches up, so a slow
 * database slows the cycles down instead of losing records or memory. A failed batch is retried record by
 * record, so one bad record costs only itself; whatever still fails is logged, counted in {@link #failed()}
 * and kept in {@link #lastError()}, and from then on every {@link #flush()} (and {@link #close()}) throws
 * a {@link HistoryWriteException} with that cause.
 *
 * <p>A submit does not wake the writer: the submitter calls {@link #wake()} once its latency-critical work
 * is done, and otherwise the writer looks at the queue every {@link #POLL_INTERVAL_MILLIS} ms (at once when
 * {@link #flush()}, {@link #close()} or a full batch asks). Woken inside submit, the writer was scheduled
 * onto the submitting cycle's CPU and pre-empted it before the cycle was published: in paper mode that was
 * the tail of the cycle latency (bench/run --only paper: a cycle's steps took a p50 of 6 us, the rest of its
 * handler a p99 of 766 us).
 */
public final class HistoryWriter implements AutoCloseable {

    /** The default queue capacity, in records. */
    public static final int DEFAULT_CAPACITY = 8192;
    /** The default largest batch, in records. */
    public static final int DEFAULT_BATCH_SIZE = 512;
    /** How often an idle writer looks at its queue. */
    static final long POLL_INTERVAL_MILLIS = 10;
    private static final long POLL_INTERVAL_NANOS = POLL_INTERVAL_MILLIS * 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);

    /** Queued by close() as the very last element; compared by identity. */
    private static final CycleRecord STOP = new CycleRecord("stop", "stop", "stop", 1, 0, CycleStatus.IDLE,
            List.of(), null, null, List.of(), List.of(), List.of(), null,
            new StageTimings(new long[CycleStep.values().length]), null);

    private final CycleSink sink;
    private final BlockingQueue<CycleRecord> queue;
    private final int batchSize;
    private final Thread thread;
    /** Orders submit against close, so nothing is queued behind STOP. */
    private final ReentrantLock submitLock = new ReentrantLock();
    private final Object progress = new Object();

    private long submitted;          // guarded by submitLock
    private int sinceWake;           // guarded by submitLock
    private long processed;          // guarded by progress
    private volatile boolean dead;   // the writer thread ended; changed under progress
    private boolean closed;          // guarded by submitLock
    private volatile long written;   // written by the writer thread only
    private volatile long failed;    // written by the writer thread only
    private volatile Throwable lastError;

    /**
     * A writer with the default capacity and batch size.
     *
     * @param sink where the batches go, normally a {@link JdbiHistoryStore}
     */
    public HistoryWriter(CycleSink sink) {
        this(sink, DEFAULT_CAPACITY, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param sink where the batches go
     * @param capacity the most records queued before {@link #submit} blocks
     * @param batchSize the most records per transaction
     */
    public HistoryWriter(CycleSink sink, int capacity, int batchSize) {
        this.sink = Objects.requireNonNull(sink, "sink");
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
     * Queues a record; blocks while the queue is full. Does not wake the writer: see {@link #wake()}.
     *
     * @param record the record
     * @throws IllegalStateException after {@link #close()}
     * @throws HistoryWriteException if interrupted while waiting for room (the record is not queued)
     */
    public void submit(CycleRecord record) {
        Objects.requireNonNull(record, "record");
        submitLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("history writer is closed; cycle " + record.composeId() + " not queued");
            }
            if (dead) {
                throw writerStopped(record);
            }
            if (!queue.offer(record)) {
                wake(); // full: the writer must not sleep out its poll interval first
                putWhileWriterLives(record);
            }
            submitted++;
            if (++sinceWake >= batchSize) {
                sinceWake = 0;
                wake();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryWriteException("interrupted while queueing cycle " + record.composeId(), e);
        } finally {
            submitLock.unlock();
        }
    }

    /** Lets the writer start on what is queued now (it also looks by itself every few milliseconds). */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * Blocks until every record submitted before this call is committed (or has failed).
     *
     * @throws HistoryWriteException if any record has failed since this writer started
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
     * Writes everything queued, then stops the writer thread. Later calls do nothing.
     *
     * @throws HistoryWriteException if any record has failed since this writer started
     */
    @Override
    public void close() {
        submitLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            putUninterruptibly(STOP);
            wake();
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

    /** @return the number of records committed so far */
    public long written() {
        return written;
    }

    /** @return the number of records that could not be written */
    public long failed() {
        return failed;
    }

    /** @return the number of records waiting in the queue */
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
            throw new HistoryWriteException(failed + " cycle record(s) were not written to the history", error);
        }
    }

    /** Waits for room, but not for a writer that has died (it would never make any). */
    private void putWhileWriterLives(CycleRecord record) throws InterruptedException {
        while (!queue.offer(record, POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (dead) {
                throw writerStopped(record);
            }
        }
    }

    private HistoryWriteException writerStopped(CycleRecord record) {
        return new HistoryWriteException("history writer thread has stopped; cycle " + record.composeId()
                + " not queued", lastError);
    }

    private void putUninterruptibly(CycleRecord record) {
        boolean interrupted = false;
        while (!dead) {
            try {
                putWhileWriterLives(record);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (HistoryWriteException e) {
                break; // the writer has died: close() reports its error
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // Nobody interrupts this thread on purpose: an interrupt during a write would close H2's file channel.
    private void run() {
        List<CycleRecord> batch = new ArrayList<>(batchSize);
        try {
            boolean stop = false;
            while (!stop) {
                CycleRecord first = takeUninterruptibly();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                if (batch.getLast() == STOP) {
                    batch.removeLast();
                    stop = true;
                }
                write(batch);
                batch.clear();
            }
        } catch (Throwable t) {
            lastError = t;
            LOG.error("history writer stopped; {} queued cycle records not written", queue.size() + batch.size(), t);
            throw t;
        } finally {
            synchronized (progress) {
                dead = true;
                progress.notifyAll();
            }
        }
    }

    /** Waits for a record without being signalled by submit: see the class comment. */
    private CycleRecord takeUninterruptibly() {
        while (true) {
            Thread.interrupted(); // keep draining, and never carry an interrupt into a write: see run()
            CycleRecord next = queue.poll();
            if (next != null) {
                return next;
            }
            LockSupport.parkNanos(this, POLL_INTERVAL_NANOS);
        }
    }

    private void write(List<CycleRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            sink.writeCycles(batch);
            written += batch.size();
        } catch (RuntimeException batchError) {
            LOG.warn("history batch of {} cycles ({} .. {}) failed, retrying one by one: {}", batch.size(),
                    batch.getFirst().composeId(), batch.getLast().composeId(), batchError.toString());
            retryOneByOne(batch);
        } finally {
            synchronized (progress) {
                processed += batch.size();
                progress.notifyAll();
            }
        }
    }

    private void retryOneByOne(List<CycleRecord> batch) {
        for (CycleRecord record : batch) {
            try {
                sink.writeCycles(List.of(record));
                written++;
            } catch (RuntimeException e) {
                failed++;
                lastError = e;
                LOG.error("cycle {} of run {} was not written to the history", record.composeId(), record.runId(), e);
            }
        }
    }
}
