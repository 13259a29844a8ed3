package dev.stratagem.runtime.kernel;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.script.ScriptSupervisor;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;

/**
 * One strategy on the bus. Deployed as a worker verticle, so its cycles run one at a time on its own
 * context and may block on the gateway or on history back-pressure without stalling an event loop. It
 * collects its symbols' candles, runs a cycle on each bar close that brought any, hands the record to the
 * history writer, publishes it, and acknowledges the bar close so the feed can move on.
 *
 * <p>A strategy with script components runs each cycle on a {@link ScriptSupervisor}'s thread while its context's
 * thread waits: a script call that cannot be stopped is left behind there, the cycle is recorded failed, and the
 * next cycle runs on a new thread with the script rebuilt.
 */
final class StrategyVerticle extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StrategyVerticle.class);

    private final CycleCoordinator coordinator;
    private final HistoryWriter<CycleRecord> history;
    private final RiskEngine risk;
    private final long resumeAfterTs;
    /** Runs the cycles of a strategy with scripts; {@code null} for one without. */
    private final ScriptSupervisor scripts;
    private final List<Candle> pending = new ArrayList<>();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private String stopReason = "shutdown";
    /** Set by the operator (console): a paused strategy skips bars and records nothing. */
    private volatile boolean paused;
    /** Stopped for good by the operator: onStop ran, bars are skipped until the runtime shuts down. */
    private volatile boolean stopped;
    /** Bars up to this time were sent before it joined a running feed: skipped (the boot strategies: none). */
    private volatile long admitAfterTs = Long.MIN_VALUE;

    /**
     * @param risk fed every bar, for the VaR history
     * @param resumeAfterTs bars up to this time were run by an earlier process: they only prime the window
     */
    StrategyVerticle(CycleCoordinator coordinator, HistoryWriter<CycleRecord> history, RiskEngine risk,
            long resumeAfterTs) {
        this.coordinator = coordinator;
        this.history = history;
        this.risk = risk;
        this.resumeAfterTs = resumeAfterTs;
        this.scripts = ScriptSupervisor.needed(coordinator.components())
                ? new ScriptSupervisor("strategy-" + coordinator.info().strategyId()) : null;
    }

    CycleCoordinator coordinator() {
        return coordinator;
    }

    String strategyId() {
        return coordinator.info().strategyId();
    }

    /**
     * @return why this strategy skips its bars: hot reload paused it (its plugin jar was removed) or the
     *     operator did; {@code null} if it runs them (or was stopped)
     */
    String pausedReason() {
        String reload = coordinator.slot().pausedReason(); // first: resuming from the console does not end it
        return reload != null ? reload : paused ? StrategyRunState.PAUSED_BY_OPERATOR : null;
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Pauses or resumes, on the verticle's own context so it never lands in the middle of a cycle.
     *
     * @return completes once the change is in effect
     */
    Future<Void> paused(boolean pause) {
        return onContext(() -> paused = pause);
    }

    /** Stops for good: {@code onStop} with the reason; later bars are acknowledged and skipped. */
    Future<Void> stopForGood(String reason) {
        return onContext(() -> {
            if (!stopped) {
                stopped = true;
                coordinator.stop(reason);
            }
        });
    }

    private Future<Void> onContext(Runnable action) {
        return read(() -> {
            action.run();
            return null;
        });
    }

    /** @return what {@code read} gives, read on the verticle's own context, between cycles */
    <T> Future<T> read(java.util.function.Supplier<T> read) {
        io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            try {
                done.complete(read.get());
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        return done.future();
    }

    /** Set by the feed when it joins late, before the first bar it takes part in is published. */
    void admitAfter(long ts) {
        this.admitAfterTs = ts;
    }

    /** Deployed after the feed started: skips every bar until the feed admits it. */
    StrategyVerticle late() {
        this.admitAfterTs = Long.MAX_VALUE;
        return this;
    }

    void stopReason(String reason) {
        this.stopReason = reason;
    }

    @Override
    public Future<?> start() {
        coordinator.start();
        var bus = vertx.eventBus();
        for (String symbol : coordinator.info().symbols()) {
            consumers.add(bus.<Candle>consumer(Addresses.candle(symbol), m -> pending.add(m.body())));
        }
        consumers.add(bus.<Long>consumer(Addresses.BAR_CLOSE, m -> onBarClose(m.body())));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    private void onBarClose(long ts) {
        try {
            if (ts <= admitAfterTs) {
                pending.clear(); // sent before this strategy joined the feed: its window starts at the next bar
            } else if (stopped || paused) {
                pending.clear(); // held by the operator: skip the bar, record nothing
            } else if (!pending.isEmpty() && coordinator.slot().pausedReason() != null) {
                pending.clear(); // paused by hot reload (its plugin jar was removed): skip the bar, record nothing
            } else if (!pending.isEmpty()) {
                List<Candle> slice = List.copyOf(pending);
                pending.clear();
                risk.observeBars(slice);
                if (slice.getFirst().ts() <= resumeAfterTs) {
                    prime(slice); // a bar this run already recorded before a restart
                } else {
                    runCycle(slice);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("strategy {} could not complete its cycle: {}", strategyId(), e.toString());
        } finally {
            // Always acknowledge, or the feed would wait for this strategy forever and stall every other one.
            vertx.eventBus().send(Addresses.BAR_DONE, strategyId());
        }
    }

    private void prime(List<Candle> slice) {
        if (scripts == null) {
            coordinator.prime(slice);
        } else {
            scripts.call(() -> {
                coordinator.prime(slice);
                return null;
            }, abandoned -> null);   // a primed bar's failure is not recorded either
        }
    }

    private void runCycle(List<Candle> slice) {
        org.slf4j.MDC.put("strategy", strategyId());
        try {
            CycleRecord record;
            try {
                record = scripts == null ? coordinator.runCycle(slice) : scripts.cycle(coordinator, slice).record();
                history.submit(record);
            } catch (RuntimeException | Error e) {
                // the risk engine may have followed the cycle: its portfolio breaker state must not wait for a record
                risk.notStored(coordinator.info().runId(), coordinator.sequence());
                throw e;
            }
            vertx.eventBus().publish(Addresses.cycleResult(strategyId()), record);
            history.wake(); // after the cycle is out: see HistoryWriter
        } finally {
            org.slf4j.MDC.remove("strategy");
        }
    }

    @Override
    public Future<?> stop() {
        consumers.forEach(MessageConsumer::unregister);
        if (!stopped) {
            coordinator.stop(stopReason);
        }
        if (scripts != null) {
            scripts.close();
        }
        return Future.succeededFuture();
    }
}
