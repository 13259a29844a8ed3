package dev.stratagem.plugins.llm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The request queue the LLM composers of one endpoint share. Serves {@link Priority#URGENT} calls first,
 * then in submit order; keeps at most {@code maxConcurrency} calls in flight; starts no more requests and
 * tokens per window than allowed; after a 429 pauses the whole endpoint for its {@code Retry-After} (or a
 * backoff) and retries; retries 5xx and timeouts with exponential backoff and jitter; fails a call whose
 * deadline passes (waiting or in flight) with {@link ChatFailure.Kind#DEADLINE}, so a 429 storm costs a
 * strategy at most its deadline; refuses calls of a strategy whose budget is spent.
 *
 * <p>One dispatcher thread decides, calls run on virtual threads. Time comes from {@code ticker} (nanoseconds)
 * so the limits are testable; waits are real {@link Condition#awaitNanos} waits. {@link #close} fails every
 * call not yet answered and returns once the queue's threads have ended: the queue's classes belong to a
 * plugin class loader that is closed right after, and a thread left running would die on a missing class.
 */
final class LlmRequestQueue implements AutoCloseable {

    /** What the queue calls: {@link ChatClient} in production. */
    @FunctionalInterface
    interface Transport extends AutoCloseable {
        ChatAnswer complete(ChatRequest request);

        /** Releases what the transport holds; the queue calls it once, when it closes. */
        @Override
        default void close() {}
    }

    private final QueueConfig config;
    private final Transport transport;
    private final java.util.function.LongSupplier ticker;
    private final RateWindow rate;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Call> waiting = new TreeSet<>(Comparator.comparing((Call c) -> c.priority).thenComparingLong(c -> c.seq));
    private final Set<Call> inFlight = new HashSet<>();
    private final Map<String, Budget> budgets = new HashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger QUEUES = new java.util.concurrent.atomic.AtomicInteger();

    private final String threadPrefix = "llm-queue-" + QUEUES.incrementAndGet() + "-";
    private final ExecutorService workers =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadPrefix + "call-", 0).factory());
    private final Thread dispatcher;
    private long seq;
    private long pausedUntil = Long.MIN_VALUE;
    private volatile boolean running = true;
    private int maxDepth;
    private long submitted, completed, failed, expired, rejected, rateLimited, retries, tokens;
    private long totalWait, maxWait, totalLatency;

    LlmRequestQueue(QueueConfig config, Transport transport, java.util.function.LongSupplier ticker, RandomGenerator random) {
        this.config = config;
        this.transport = transport;
        this.ticker = ticker;
        this.rate = new RateWindow(config.window().toNanos(), config.requestsPerWindow(), config.tokensPerWindow());
        this.backoff = new Backoff(config.backoffBase().toNanos(), config.backoffCap().toNanos(), random);
        this.dispatcher = Thread.ofPlatform().daemon().name(threadPrefix + "dispatcher").start(this::dispatch);
    }

    LlmRequestQueue(QueueConfig config, Transport transport) {
        this(config, transport, System::nanoTime, RandomGenerator.getDefault());
    }

    /**
     * Sets a strategy's budget; the first setting wins, so re-configuring a strategy does not reset its spend.
     *
     * @param strategyId the strategy
     * @param maxTokens its token budget
     * @param maxCost its cost budget, {@code null} for none
     * @param costPer1kTokens the price of a thousand tokens
     */
    void budget(String strategyId, long maxTokens, BigDecimal maxCost, BigDecimal costPer1kTokens) {
        lock.lock();
        try {
            budgets.putIfAbsent(strategyId, new Budget(maxTokens, maxCost, costPer1kTokens));
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param strategyId whose call it is (for its budget)
     * @param priority its urgency
     * @param deadlineNanos the ticker time after which the answer would be stale
     * @param request the call
     * @return the answer, or a {@link ChatFailure} (also for a full queue, a spent budget, a passed deadline)
     */
    CompletableFuture<ChatAnswer> submit(String strategyId, Priority priority, long deadlineNanos, ChatRequest request) {
        Call call = new Call(strategyId, priority, deadlineNanos, request);
        lock.lock();
        try {
            if (!running) {
                call.future.completeExceptionally(new ChatFailure(ChatFailure.Kind.QUEUE_FULL, "queue closed"));
                return call.future;
            }
            String spent = budgets.computeIfAbsent(strategyId, s -> Budget.unlimited()).exhausted();
            if (spent != null) {
                rejected++;
                call.future.completeExceptionally(new ChatFailure(ChatFailure.Kind.BUDGET, strategyId + ": " + spent));
                return call.future;
            }
            if (waiting.size() >= config.maxQueueSize()) {
                Call last = waiting.last();
                if (last.priority.compareTo(priority) <= 0) {
                    rejected++;
                    call.future.completeExceptionally(new ChatFailure(ChatFailure.Kind.QUEUE_FULL,
                            waiting.size() + " calls waiting (maxQueueSize)"));
                    return call.future;
                }
                waiting.remove(last); // an urgent call displaces the newest of the least urgent
                rejected++;
                last.future.completeExceptionally(new ChatFailure(ChatFailure.Kind.QUEUE_FULL,
                        "displaced by a more urgent call"));
            }
            call.seq = seq++;
            call.submittedAt = ticker.getAsLong();
            waiting.add(call);
            submitted++;
            maxDepth = Math.max(maxDepth, waiting.size());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return call.future;
    }

    QueueMetrics metrics() {
        lock.lock();
        try {
            return new QueueMetrics(waiting.size(), inFlight.size(), maxDepth, submitted, completed, failed, expired,
                    rejected, rateLimited, retries, tokens, TimeUnit.NANOSECONDS.toMillis(totalWait),
                    TimeUnit.NANOSECONDS.toMillis(maxWait), TimeUnit.NANOSECONDS.toMillis(totalLatency));
        } finally {
            lock.unlock();
        }
    }

    /** @return the strategy's spend: {tokens, cost} */
    Budget spend(String strategyId) {
        lock.lock();
        try {
            return budgets.get(strategyId);
        } finally {
            lock.unlock();
        }
    }

    private void dispatch() {
        lock.lock();
        try {
            while (running) {
                long now = ticker.getAsLong();
                long wait = expire(now);
                Call next = null;
                for (Call c : waiting) {
                    if (c.notBefore <= now) {
                        next = c;
                        break;
                    }
                    wait = Math.min(wait, c.notBefore - now);
                }
                if (next != null && inFlight.size() < config.maxConcurrency()) {
                    long paused = pausedUntil > now ? pausedUntil - now : 0;
                    long hold = Math.max(paused, rate.waitNanos(now, next.request.estimatedTokens()));
                    if (hold <= 0) {
                        start(next, now);
                        continue;
                    }
                    wait = Math.min(wait, hold);
                }
                changed.awaitNanos(Math.max(wait, 1_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Fails every call past its deadline; returns the time until the next deadline. */
    private long expire(long now) {
        long next = TimeUnit.SECONDS.toNanos(1);
        List<Call> stale = new ArrayList<>();
        for (Call c : waiting) {
            if (c.deadline <= now) {
                stale.add(c);
            } else {
                next = Math.min(next, c.deadline - now);
            }
        }
        for (Call c : inFlight) {
            if (c.deadline <= now) {
                stale.add(c);
            } else {
                next = Math.min(next, c.deadline - now);
            }
        }
        for (Call c : stale) {
            waiting.remove(c);
            inFlight.remove(c); // its HTTP call may still finish; the answer is then dropped
            expired++;
            c.future.completeExceptionally(new ChatFailure(ChatFailure.Kind.DEADLINE,
                    "no answer before the deadline (attempt " + c.attempt + ", "
                            + (c.lastError == null ? "waiting for the rate limit" : "last error " + c.lastError) + ")"));
        }
        return next;
    }

    private void start(Call call, long now) {
        waiting.remove(call);
        inFlight.add(call);
        call.attempt++;
        int estimate = call.request.estimatedTokens();
        rate.record(now, estimate);
        long waited = now - call.submittedAt;
        workers.execute(() -> run(call, estimate, waited));
    }

    private void run(Call call, int estimate, long waited) {
        long begin = ticker.getAsLong();
        ChatAnswer answer = null;
        ChatFailure failure = null;
        try {
            answer = transport.complete(call.request);
        } catch (ChatFailure f) {
            failure = f;
        } catch (RuntimeException e) {
            failure = new ChatFailure(ChatFailure.Kind.NETWORK, e.toString());
        }
        lock.lock();
        try {
            long now = ticker.getAsLong();
            boolean live = inFlight.remove(call);
            if (answer != null) {
                int used = answer.totalTokens() > 0 ? answer.totalTokens() : estimate;
                rate.adjust(now, used - estimate);
                tokens += used;
                budgets.computeIfAbsent(call.strategyId, s -> Budget.unlimited()).charge(used);
                if (live) {
                    completed++;
                    totalWait += waited;
                    maxWait = Math.max(maxWait, waited);
                    totalLatency += now - begin;
                    call.future.complete(answer);
                }
            } else if (live) {
                handle(call, failure, now);
            } else if (failure.kind() == ChatFailure.Kind.RATE_LIMITED) {
                rateLimited++;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void handle(Call call, ChatFailure failure, long now) {
        call.lastError = failure.getMessage();
        if (failure.kind() == ChatFailure.Kind.RATE_LIMITED) {
            rateLimited++;
            long pause = failure.retryAfter() != null ? failure.retryAfter().toNanos() : backoff.delayNanos(call.attempt);
            pausedUntil = Math.max(pausedUntil, now + pause);
        }
        if (failure.kind().retryable && call.attempt < config.maxAttempts()) {
            retries++;
            call.notBefore = failure.kind() == ChatFailure.Kind.RATE_LIMITED ? now : now + backoff.delayNanos(call.attempt);
            waiting.add(call); // keeps its priority and place
        } else {
            failed++;
            call.future.completeExceptionally(failure);
        }
    }

    /**
     * Stops the queue: every call waiting or in flight fails with {@link ChatFailure.Kind#QUEUE_FULL} "queue
     * closed", a later submit fails the same way, the calls in progress are interrupted, and the transport is
     * closed. Returns once the dispatcher and the call threads have ended (or after a few seconds, if a
     * transport ignores the interrupt: {@link #terminated()} then says so). Idempotent.
     */
    @Override
    public void close() {
        List<Call> unanswered = new ArrayList<>();
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            unanswered.addAll(waiting);
            unanswered.addAll(inFlight);
            waiting.clear();
            inFlight.clear(); // a call that still finishes finds itself gone and drops its answer
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Call c : unanswered) {
            c.future.completeExceptionally(new ChatFailure(ChatFailure.Kind.QUEUE_FULL, "queue closed"));
        }
        workers.shutdownNow();
        dispatcher.interrupt();
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }

    /** @return what the names of this queue's threads start with ({@code llm-queue-<n>-}) */
    String threadPrefix() {
        return threadPrefix;
    }

    /** @return whether the queue is closed and its dispatcher and call threads have ended */
    boolean terminated() {
        return !running && !dispatcher.isAlive() && workers.isTerminated();
    }

    private static final class Call {
        final String strategyId;
        final Priority priority;
        final long deadline;
        final ChatRequest request;
        final CompletableFuture<ChatAnswer> future = new CompletableFuture<>();
        long seq;
        long submittedAt;
        long notBefore = Long.MIN_VALUE;
        int attempt;
        String lastError;

        Call(String strategyId, Priority priority, long deadline, ChatRequest request) {
            this.strategyId = strategyId;
            this.priority = priority;
            this.deadline = deadline;
            this.request = request;
        }
    }
}
