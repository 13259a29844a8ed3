package dev.stratagem.runtime.cycle;

import dev.stratagem.api.Candle;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleError;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.PortfolioService;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.risk.GuardrailsResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one strategy's decision cycles: the ten steps of DESIGN.md section 3, under one compose id, each timed
 * (in a backtest, one cycle in {@link StageTimings#BACKTEST_SAMPLE}). A step that fails (a component throws,
 * returns {@code null} or breaks its contract) ends the cycle with a {@link CycleStatus#FAILED} record naming the
 * step and the reason; the next cycle runs as usual.
 *
 * <p>Not thread-safe: one strategy's cycles run one at a time, on that strategy's thread. The backtest loop
 * calls {@link #run(List)} directly and records only the cycles its record level keeps; the kernel calls
 * {@link #runCycle(List)} from the strategy's verticle.
 */
public final class CycleCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(CycleCoordinator.class);

    private final StrategyInfo info;
    private final RunMode mode;
    private volatile StrategyComponents components;
    private final ComponentSlot slot = new ComponentSlot();
    private final PortfolioService portfolio;
    private final DigestTracker digest;
    private final Map<String, Instrument> instruments;
    private final BarWindow window;
    private final int warmup;
    private final Duration gatewayTimeout;
    private final Map<String, TradeInstruction> working = new LinkedHashMap<>();
    private List<TradeInstruction> restored = List.of();
    private long sequence;
    /** The log scope of the thread that ran the last cycle. */
    private CycleLogScope.Owned logScope;
    private long cyclesSeen;
    private long hookFailures;
    /** Components whose version can change between cycles, and where their version sits in the list. */
    private VersionedComponent[] tracked = new VersionedComponent[0];
    private int[] trackedAt = new int[0];
    private StrategyComponents trackedFor;
    private List<ComponentVersion> recorded = List.of();
    private final CycleDraft draft;
    /** The listeners of the tracked components, as an array: walked every cycle. */
    private StrategyListener[] listeners = new StrategyListener[0];
    private final FailureLog failures;

    /**
     * @param info the strategy and run
     * @param components the strategy's components
     * @param portfolio the strategy's ledger
     * @param digest the strategy's trade digest
     * @param instruments the strategy's instruments by symbol
     * @param windowCapacity how many bars per symbol the market window keeps
     * @param gatewayTimeout how long to wait for the gateway to answer a submission
     */
    public CycleCoordinator(StrategyInfo info, StrategyComponents components, PortfolioService portfolio,
            DigestTracker digest, Map<String, Instrument> instruments, int windowCapacity, Duration gatewayTimeout) {
        this.info = info;
        this.mode = RunMode.of(info.mode());
        this.components = components;
        this.portfolio = portfolio;
        this.digest = digest;
        this.instruments = Map.copyOf(instruments);
        this.window = new BarWindow(info.symbols(), Math.max(windowCapacity, components.features().warmup() + 1));
        this.warmup = components.features().warmup();
        this.gatewayTimeout = gatewayTimeout;
        this.draft = new CycleDraft(info.runId(), info.strategyId());
        this.failures = new FailureLog(LOG, info.strategyId());
        track(components);
    }

    /** @return the strategy and run this coordinator serves */
    public StrategyInfo info() {
        return info;
    }

    /** @return where a hot reload leaves the components the next cycle runs with */
    public ComponentSlot slot() {
        return slot;
    }

    /** @return the components the last cycle ran with (read from any thread) */
    public StrategyComponents components() {
        return components;
    }

    /** @return the number of the last cycle run */
    public long sequence() {
        return sequence;
    }

    /** @return the annualised Sharpe ratio of the equity curve so far */
    public double sharpe() {
        return digest.sharpe();
    }

    /** @return the largest fall of the equity curve so far from a running peak, as a fraction of that peak */
    public double maxDrawdown() {
        return digest.maxDrawdown();
    }

        /** @return how many lifecycle hooks have thrown */
    public long hookFailures() {
        return hookFailures;
    }

    /** @return the strategy's ledger */
    public PortfolioService portfolio() {
        return portfolio;
    }

    /** Calls every listener's {@code onStart}. */
    public void start() {
        for (StrategyListener listener : components.listeners()) {
            hook(listener, "onStart", () -> listener.onStart(info));
        }
    }

    /**
     * Calls every listener's {@code onStop}.
     *
     * @param reason why the strategy stops
     */
    public void stop(String reason) {
        failures.stopped();
        for (StrategyListener listener : components.listeners()) {
            hook(listener, "onStop", () -> listener.onStop(info, reason));
        }
    }

    /**
     * Continues a recorded run after a restart: the next cycle is {@code lastSequence + 1}, and the working
     * orders are re-sent (same ids, so an idempotent gateway never executes one twice) before that cycle's
     * bars reach the gateway.
     *
     * @param lastSequence the last recorded cycle
     * @param workingOrders orders acknowledged but not done when the run stopped
     */
    public void resume(long lastSequence, List<TradeInstruction> workingOrders) {
        this.sequence = lastSequence;
        this.restored = List.copyOf(workingOrders);
    }

    /**
     * Feeds bars that an earlier process already ran cycles for, without a recorded cycle: the window, the
     * warm-up count and the marks catch up, and the features pipeline and the composer see the same inputs
     * again so their own memory (a previous crossing, say) is what it was; their decisions are discarded, so
     * the composer gets the context as {@link RunMode#REPLAY} (no model is asked for a decision never traded).
     *
     * @param slice the closed bars of one timestamp
     */
    public void prime(List<Candle> slice) {
        window.beginCycle();
        for (Candle bar : slice) {
            window.append(bar);
            portfolio.mark(bar);
        }
        cyclesSeen++;
        try {
            List<FeatureVector> features = components.features().compute(window);
            if (cyclesSeen >= warmup && features != null) {
                components.composer().compose(new ComposeContext(slice.getFirst().ts(), info.runId() + "-replay",
                        info.strategyId(), features, portfolio.view(), digest.digest(), RunMode.REPLAY));
            }
        } catch (RuntimeException e) {
            LOG.debug("replaying a recorded bar for {} threw: {}", info.strategyId(), e.toString());
        }
    }

    /**
     * Runs one cycle for the bars that closed at one timestamp.
     *
     * @param slice the closed bars of the strategy's symbols, all with the same timestamp
     * @return the cycle's record
     */
    public CycleRecord runCycle(List<Candle> slice) {
        return run(slice).record();
    }

    /**
     * Runs one cycle for the bars that closed at one timestamp, without building its record unless a listener
     * needs it: for a driver that keeps only some cycles.
     *
     * @param slice the closed bars of the strategy's symbols, all with the same timestamp
     * @return the cycle's outcome, valid until the next cycle
     */
    public CycleOutcome run(List<Candle> slice) {
        long seq = ++sequence;
        StrategyComponents now = slot.adopt(components, seq);
        if (now != trackedFor) {
            components = now;   // volatile: written only when it changes, as a write is a full fence
            track(now);
        }
        CycleDraft d = draft.begin(seq, slice.getFirst().ts(), timed(seq));
        CycleLogScope.Owned owned = CycleLogScope.Owned.of(logScope);
        logScope = owned;
        CycleLogScope scope = owned.scope().enter(d, mode != RunMode.BACKTEST);
        try {
            return steps(d, slice);
        } finally {
            scope.exit();
        }
    }

    /**
     * Ends the cycle in flight as failed at {@code step}, from its driver's thread instead of the one running it:
     * that thread was left behind in a script call that could not be stopped, and never runs another line of the
     * cycle (see {@code ScriptSupervisor}). The record is the one a failure of that step gives.
     *
     * @param step the step the stuck call belongs to
     * @param failure why
     * @return the cycle's outcome, valid until the next cycle
     */
    public CycleOutcome failInFlight(CycleStep step, Throwable failure) {
        return fail(draft, step, failure, System.nanoTime());
    }

    /** Paper and live time every cycle; a backtest one in {@link StageTimings#BACKTEST_SAMPLE}. */
    private boolean timed(long seq) {
        return mode != RunMode.BACKTEST || seq % StageTimings.BACKTEST_SAMPLE == 1;
    }

    private CycleDraft steps(CycleDraft d, List<Candle> slice) {
        StrategyComponents c = components;   // volatile: read once
        int bars = slice.size();
        long t = d.start();
        try {
            if (!restored.isEmpty()) {
                List<TradeInstruction> resend = restored;
                restored = List.of();
                settle(d, submit(resend));
            }
            for (int i = 0; i < bars; i++) {   // every cycle: no iterator
                Candle bar = slice.get(i);
                settle(d, nonNull(c.gateway().onBar(bar), "gateway", "onBar"));
                portfolio.mark(bar);
            }
            d.before = portfolio.view();
        } catch (Throwable e) {
            return fail(d, CycleStep.PORTFOLIO, e, t);
        }
        t = d.lap(CycleStep.PORTFOLIO, t);

        window.beginCycle();
        for (int i = 0; i < bars; i++) {
            window.append(slice.get(i));
        }
        cyclesSeen++;
        t = d.lap(CycleStep.MARKET_DATA, t);

        List<FeatureVector> features;
        try {
            features = nonNull(c.features().compute(window), "features pipeline", "compute");
        } catch (Throwable e) {
            return fail(d, CycleStep.FEATURES, e, t);
        }
        t = d.lap(CycleStep.FEATURES, t);
        if (cyclesSeen < warmup) {
            return finish(d, CycleStatus.WARMUP, t);
        }

        try {
            d.context = ComposeContext.numbered(d.ts, d.idPrefix, d.sequence, info.strategyId(), features, d.before,
                    digest.digest(), mode);
        } catch (Throwable e) {
            return fail(d, CycleStep.CONTEXT, e, t);
        }
        t = d.lap(CycleStep.CONTEXT, t);

        List<TradeInstruction> instructions;
        try {
            ComposeResult decision = nonNull(c.composer().compose(d.context), "composer", "compose");
            d.decision = decision;
            instructions = assignIds(d, decision.instructions());
        } catch (Throwable e) {
            return fail(d, CycleStep.DECISION, e, t);
        }
        t = d.lap(CycleStep.DECISION, t);
        if (instructions.isEmpty()) {
            return finish(d, CycleStatus.IDLE, t);
        }

        List<TradeInstruction> accepted;
        try {
            GuardrailsResult verdicts = c.guardrails()
                    .evaluate(instructions, d.before, instruments, prices(), pendingQuantities());
            d.verdicts = verdicts.verdicts();
            accepted = verdicts.accepted();
        } catch (Throwable e) {
            return fail(d, CycleStep.GUARDRAILS, e, t);
        }
        t = d.lap(CycleStep.GUARDRAILS, t);
        if (accepted.isEmpty()) {
            return finish(d, CycleStatus.REJECTED, t);
        }

        List<TxResult> results;
        try {
            results = submit(accepted);
        } catch (Throwable e) {
            return fail(d, CycleStep.EXECUTION, e, t);
        }
        t = d.lap(CycleStep.EXECUTION, t);

        try {
            settle(d, results);
        } catch (Throwable e) {
            return fail(d, CycleStep.PORTFOLIO_UPDATE, e, t);
        }
        return finish(d, CycleStatus.TRADED, t);
    }

    /** Steps 8 (the portfolio after), 10 (digest) and 9 (the record), for a cycle that did not fail. */
    private CycleDraft finish(CycleDraft d, CycleStatus status, long t) {
        failures.stopped();
        d.after = portfolio.view();
        t = d.lap(CycleStep.PORTFOLIO_UPDATE, t);
        digest.onClosed(d.closed);
        digest.onEquity(d.ts, d.after.equity());
        d.lap(CycleStep.DIGEST, t);
        // HISTORY stays 0: the record is written by the history writer's thread, after the cycle. A lap here only
        // timed the clock itself (~25 ns, one of the nine clock reads of an idle cycle).
        return notifyListeners(d.end(status, null, versions()));
    }

    private CycleDraft fail(CycleDraft d, CycleStep step, Throwable e, long t) {
        rethrowIfFatal(e);
        d.lap(step, t);
        String reason = e instanceof ContractViolation ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        String type = e instanceof ContractViolation ? "" : e.getClass().getName();
        failures.failed(d.composeId(), step, reason);
        try {
            d.after = portfolio.view();
            digest.onClosed(d.closed);
            digest.onEquity(d.ts, d.after.equity());
        } catch (Throwable ignored) {
            rethrowIfFatal(ignored);
            d.after = null;
        }
        return notifyListeners(d.end(CycleStatus.FAILED, new CycleError(step, reason, type), versions()));
    }

    /**
     * The versions this cycle ran: the assembled ones, with those of {@link VersionedComponent}s replaced by
     * their current version. A new list only when a version changed since the last cycle.
     */
    private List<ComponentVersion> versions() {
        if (tracked.length == 0) {
            return components.versions();
        }
        List<ComponentVersion> now = recorded;
        for (int i = 0; i < tracked.length; i++) {
            ComponentVersion v = tracked[i].version();
            if (v != now.get(trackedAt[i])) {
                if (now == recorded) {
                    now = new ArrayList<>(recorded);
                }
                now.set(trackedAt[i], v);
            }
        }
        if (now != recorded) {
            recorded = List.copyOf(now);
        }
        return recorded;
    }

    /** Finds the versioned components of a component set (a wrapped composer counts) and their list slots. */
    private void track(StrategyComponents c) {
        trackedFor = c;
        recorded = c.versions();
        List<Object> candidates = c.parts();
        List<VersionedComponent> found = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (Object candidate : candidates) {
            if (candidate instanceof VersionedComponent v) {
                ComponentVersion now = v.version();
                for (int i = 0; i < recorded.size(); i++) {
                    ComponentVersion slot = recorded.get(i);
                    if (slot.source().equals(now.source()) && slot.role().equals(now.role()) && !at.contains(i)) {
                        found.add(v);
                        at.add(i);
                        break;
                    }
                }
            }
        }
        tracked = found.toArray(VersionedComponent[]::new);
        trackedAt = at.stream().mapToInt(Integer::intValue).toArray();
        listeners = c.listeners().toArray(StrategyListener[]::new);
    }

    /** Calls each listener with the record, or with the outcome if that is all it needs (OutcomeListener). */
    private CycleDraft notifyListeners(CycleDraft d) {
        for (StrategyListener listener : listeners) {
            // the record is built outside the listener's try: a record that cannot be built is the cycle's
            // failure, not the listener's
            CycleRecord record = listener instanceof OutcomeListener ? null : d.record();
            try {
                if (record == null) {
                    ((OutcomeListener) listener).onOutcome(d);
                } else {
                    listener.onCycleResult(record);
                }
            } catch (Throwable e) {
                hookFailed(listener, "onCycleResult", e);
            }
        }
        return d;
    }

    private List<TxResult> submit(List<TradeInstruction> accepted) {
        List<TxResult> results;
        try {
            results = components.gateway().submit(accepted, window).toCompletableFuture()
                    .get(gatewayTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContractViolation("interrupted while waiting for the gateway");
        } catch (TimeoutException e) {
            throw new ContractViolation("gateway did not answer within " + gatewayTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ContractViolation("gateway failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        nonNull(results, "gateway", "submit");
        if (results.size() != accepted.size()) {
            throw new ContractViolation("gateway returned " + results.size() + " results for " + accepted.size()
                    + " instructions");
        }
        for (int i = 0; i < accepted.size(); i++) {
            TxResult result = nonNull(results.get(i), "gateway", "submit (result " + i + ")");
            if (!result.instructionId().equals(accepted.get(i).id())) {
                throw new ContractViolation("gateway result " + i + " is for " + result.instructionId()
                        + ", expected " + accepted.get(i).id());
            }
        }
        for (int i = 0; i < accepted.size(); i++) {
            TxStatus status = results.get(i).status();
            if (status == TxStatus.ACCEPTED || status == TxStatus.PARTIAL) {
                working.put(accepted.get(i).id(), accepted.get(i));
            }
        }
        return results;
    }

    /** Applies fills to the ledger and keeps the working-order book current. */
    private void settle(CycleDraft d, List<TxResult> results) {
        if (results.isEmpty()) {
            return;
        }
        d.addTxResults(results);
        for (TxResult r : results) {
            TradeInstruction order = working.get(r.instructionId());
            if (order == null) {
                continue;
            }
            switch (r.status()) {
                case FILLED, REJECTED, ERROR -> working.remove(r.instructionId());
                case PARTIAL -> working.put(r.instructionId(), order.withQuantity(order.quantity() - r.filledQuantity()));
                case ACCEPTED -> { }
            }
        }
        d.addClosed(portfolio.apply(results));
    }

    private static List<TradeInstruction> assignIds(CycleDraft d, List<TradeInstruction> instructions) {
        if (instructions.isEmpty()) {
            return instructions;
        }
        String composeId = d.composeId();
        List<TradeInstruction> withIds = new ArrayList<>(instructions.size());
        for (int i = 0; i < instructions.size(); i++) {
            withIds.add(instructions.get(i).withId(composeId + "-" + (i + 1)));
        }
        return withIds;
    }

    /** The last closes by symbol: an immutable map, which the guardrails' risk context keeps without a copy. */
    private Map<String, Double> prices() {
        List<String> symbols = window.symbols();
        if (symbols.size() == 1) {
            double close = window.lastClose(symbols.getFirst());
            return Double.isNaN(close) ? Map.of() : Map.of(symbols.getFirst(), close);
        }
        Map<String, Double> prices = new HashMap<>();
        for (String symbol : window.symbols()) {
            double close = window.lastClose(symbol);
            if (!Double.isNaN(close)) {
                prices.put(symbol, close);
            }
        }
        return Map.copyOf(prices);
    }

    private Map<String, Double> pendingQuantities() {
        if (working.isEmpty()) {
            return Map.of();
        }
        Map<String, Double> pending = new HashMap<>();
        for (TradeInstruction order : working.values()) {
            pending.merge(order.symbol(), order.signedQuantity(), Double::sum);
        }
        return pending;
    }

    private void hook(StrategyListener listener, String hook, Runnable call) {
        try {
            call.run();
        } catch (Throwable e) {
            hookFailed(listener, hook, e);
        }
    }

    private void hookFailed(StrategyListener listener, String hook, Throwable e) {
        rethrowIfFatal(e);
        hookFailures++;
        LOG.error("listener {} of strategy {} threw in {}: {}", listener.id(), info.strategyId(), hook, e.toString());
    }

    /**
     * A component's error (an assertion, a stack overflow from runaway recursion, a class missing from a
     * half-replaced jar) fails its cycle like an exception; only running out of memory is beyond a cycle.
     */
    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof OutOfMemoryError error) {
            throw error;
        }
    }

    private static <T> T nonNull(T value, String component, String method) {
        if (value == null) {
            throw new ContractViolation(component + " returned null from " + method);
        }
        return value;
    }

    /** A component broke its contract with a bad return value (the message says how). */
    private static final class ContractViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ContractViolation(String message) {
            super(message, null, false, false);
        }
    }
}
