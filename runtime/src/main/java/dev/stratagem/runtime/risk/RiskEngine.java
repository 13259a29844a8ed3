package dev.stratagem.runtime.risk;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.runtime.cycle.ComposeId;
import dev.stratagem.runtime.cycle.CycleOutcome;
import dev.stratagem.runtime.cycle.OutcomeListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One risk engine per runtime, over every strategy's capital sleeve. It observes every cycle record
 * (through {@link #listenerFor}) to follow each sleeve's equity and positions and the portfolio's sum, drives
 * one circuit breaker per strategy and one for the portfolio, records every transition (H2 and the log), and
 * hands each strategy the checks that enforce all this ({@link #leadingChecks}, {@link #trailingChecks}).
 *
 * <p>Thread-safe: strategies run on their own threads; state changes are serialised on this object.
 */
public final class RiskEngine {

    /** The scope of the portfolio breaker. */
    public static final String PORTFOLIO = "portfolio";

    private static final Logger LOG = LoggerFactory.getLogger(RiskEngine.class);

    private final RiskSettings settings;
    private final KillSwitch killSwitch;
    private final RiskStore store;
    /** Null when no VaR limit is on: then nothing reads past closes, and keeping them cost every bar. */
    private final PriceHistory prices;
    private final CircuitBreaker portfolioBreaker;
    private final Map<String, Sleeve> sleeves = new LinkedHashMap<>();
    /** {@link #sleeves}' values, in its order. */
    private Sleeve[] sleeveArray = new Sleeve[0];
    private final List<Consumer<BreakerTransition>> observers = new CopyOnWriteArrayList<>();
    private final Map<String, BreakerTransition> lastTransitions = new ConcurrentHashMap<>();
    /** The sleeve updated last, by the id instance it was asked for: a strategy's records carry the same one. */
    private String lastUpdatedId;
    private Sleeve lastUpdated;
    /** The portfolio breaker's states the history has to store: a kernel's engine keeps them, a backtest's not. */
    private UnstoredStates unstored;
    /** The portfolio breaker's updates so far, counted across processes ({@link #restorePortfolio}). */
    private long portfolioUpdates;
    /** The sleeves, as {@link PortfolioBreakerState#sleeves()} names them. */
    private String sleeveNames = "";
    /** The sleeves in the order {@link #sleeveNames} names them: by strategy. */
    private Sleeve[] sortedSleeves = new Sleeve[0];
    /** Whether a strategy's sleeve was restored from the history: a restarted kernel. */
    private boolean restored;
    /** Whether one thread makes every call (a backtest's engine): then a cycle's update takes no lock. */
    private volatile boolean confined;

    private static final class Sleeve {
        final String strategyId;
        final String runId;
        final CircuitBreaker breaker;
        final double capital;
        PortfolioView last;

        Sleeve(String strategyId, String runId, CircuitBreaker breaker, double capital) {
            this.strategyId = strategyId;
            this.runId = runId;
            this.breaker = breaker;
            this.capital = capital;
        }

        double equity() {
            return last == null ? capital : last.equity();
        }
    }

    /**
     * @param settings the limits
     * @param killSwitch the runtime's kill switch
     * @param store where transitions are recorded; {@code null} to only log them
     */
    public RiskEngine(RiskSettings settings, KillSwitch killSwitch, RiskStore store) {
        this.settings = settings;
        this.killSwitch = killSwitch;
        this.store = store;
        int window = settings.defaultVarLimit().window();
        boolean anyLimit = settings.defaultVarLimit().on();
        for (VarLimit v : settings.varLimits().values()) {
            window = Math.max(window, v.window());
            anyLimit |= v.on();
        }
        this.prices = anyLimit ? new PriceHistory(window + 1) : null;
        this.portfolioBreaker = new CircuitBreaker(PORTFOLIO, settings.portfolioBreaker());
    }

    /**
     * Declares that one thread at a time will use this engine, each handing it to the next with a happens-before
     * edge, as a backtest's own engine is used (by the thread that made it, or by a script supervisor's threads in
     * turn): each cycle's update then skips the lock (two atomic operations a cycle, a few percent of a backtest's
     * loop).
     *
     * @return this engine
     */
    public RiskEngine confined() {
        confined = true;
        return this;
    }

    /** @return the kill switch */
    public KillSwitch killSwitch() {
        return killSwitch;
    }

    /**
     * Adds a strategy's sleeve.
     *
     * @param strategyId the strategy
     * @param runId its run
     * @param capital its starting capital
     */
    public synchronized void register(String strategyId, String runId, double capital) {
        sleeves.put(strategyId, new Sleeve(strategyId, runId,
                new CircuitBreaker(strategyId, settings.breakerFor(strategyId)), capital));
        sleeveArray = sleeves.values().toArray(Sleeve[]::new);
        lastUpdatedId = null;   // a strategy registered again gets a new sleeve
        sortedSleeves = new TreeMap<>(sleeves).values().toArray(Sleeve[]::new);
        sleeveNames = String.join(";", Arrays.stream(sortedSleeves).map(s -> s.strategyId + "=" + s.runId).toList());
    }

    /**
     * From now on the portfolio breaker's state after each cycle is kept until the history stores that cycle
     * ({@link PortfolioStateSink}), so that a restart can go on from it ({@link #restorePortfolio}). A kernel's
     * engine does this; a backtest's, which never restarts, does not.
     *
     * @return the kept states
     */
    synchronized UnstoredStates keepPortfolioState() {
        if (unstored == null) {
            unstored = new UnstoredStates();
        }
        return unstored;
    }

    /**
     * A cycle whose record will not reach the history (it could not be built, or not be queued): its kept state must
     * not hold back the states of the cycles after it.
     *
     * @param runId the cycle's run
     * @param sequence its number
     */
    public void notStored(String runId, long sequence) {
        UnstoredStates u;
        synchronized (this) {
            u = unstored;
        }
        if (u != null) {
            u.forget(new ComposeId(runId, sequence));
        }
    }

    /** @return the checks that go before a strategy's own guardrails: kill switch, circuit breaker */
    public List<RiskCheck> leadingChecks(String strategyId) {
        return List.of(new KillSwitchCheck(killSwitch),
                new CircuitBreakerCheck(() -> effectiveState(strategyId), () -> worstScope(strategyId)));
    }

    /** @return the checks that go after a strategy's own guardrails: portfolio limits, pre-trade VaR */
    public List<RiskCheck> trailingChecks(String strategyId) {
        return List.of(new PortfolioLimitCheck(strategyId, this, settings.portfolioLimits()),
                new VarLimitCheck(settings.varFor(strategyId), prices));
    }

    /** @return a listener that feeds this engine the strategy's cycle records */
    public StrategyListener listenerFor(String strategyId) {
        return new Listener(strategyId);
    }

    /** Follows a strategy's equity from each cycle's outcome: it needs no record. */
    private final class Listener implements StrategyListener, OutcomeListener {
        private final String strategyId;

        Listener(String strategyId) {
            this.strategyId = strategyId;
        }

        @Override
        public String id() {
            return "risk-engine";
        }

        @Override
        public void onCycleResult(CycleRecord cycle) {
            observe(cycle);
        }

        @Override
        public void onOutcome(CycleOutcome outcome) {
            follow(strategyId, outcome.sequence(), outcome.ts(), outcome.portfolioAfter());
        }
    }

    /** @param bars closed bars, for the VaR history (a bar seen by several strategies counts once) */
    public void observeBars(List<Candle> bars) {
        if (prices == null) {
            return;
        }
        for (int i = 0; i < bars.size(); i++) {   // every slice: no method reference object
            prices.add(bars.get(i));
        }
    }

    /** Follows one cycle: the sleeve's equity and positions, then both breakers. */
    public void observe(CycleRecord cycle) {
        follow(cycle.strategyId(), cycle.sequence(), cycle.ts(), cycle.portfolioAfter());
    }

    /** A cycle's portfolio after it, if it got that far (a cycle that failed early has none). */
    private void follow(String strategyId, long sequence, long ts, PortfolioView after) {
        if (after != null) {
            update(strategyId, sequence, ts, after, true);
        }
    }

    /**
     * Restores a sleeve after a restart from its last recorded equity. With a store, the strategy's breaker takes
     * the state its last recorded transition left, so a HALTED breaker stays HALTED and a manual reset recorded
     * after the halt stays reset; its equity peak is the highest recorded equity since its last peak reset. Nothing
     * is recorded again; the portfolio breaker follows once every sleeve is restored ({@link #restorePortfolio}).
     * First, the transitions the strategy's breaker recorded in cycles after {@code lastTs} are deleted (manual resets
     * stay): those cycles did not survive the restart (never committed, or deleted by crash recovery as incomplete)
     * and run again.
     *
     * @param strategyId the strategy
     * @param view the recorded portfolio after the run's last cycle that has one, stamped with that cycle's time (the
     *     last cycle the breakers saw: their day is its day)
     * @param lastTs the time of the last recorded cycle of its run, failed or not
     */
    public void restore(String strategyId, PortfolioView view, long lastTs) {
        if (store == null) {
            update(strategyId, 0, view.ts(), view, false);
            return;
        }
        synchronized (this) {
            Sleeve sleeve = sleeves.get(strategyId);
            if (sleeve == null) {
                return;
            }
            sleeve.last = view;
            int forgotten = store.deleteTransitionsAfter(strategyId, sleeve.runId, lastTs);
            if (forgotten > 0) {
                LOG.info("strategy {}: {} breaker transition(s) of cycles after the last recorded one deleted; those"
                        + " cycles run again", strategyId, forgotten);
            }
            Optional<BreakerTransition> own = store.lastTransition(strategyId, sleeve.runId);
            // a resume or a manual reset restarted the peak and the day, whatever came after it
            Optional<BreakerTransition> restart = store.lastRestart(strategyId, sleeve.runId);
            long peakFrom = restart.map(BreakerTransition::ts).orElse(Long.MIN_VALUE);
            sleeve.breaker.restore(own.map(BreakerTransition::to).orElse(BreakerState.ACTIVE),
                    store.peakEquity(sleeve.runId, peakFrom), view.equity());
            own.ifPresent(t -> lastTransitions.put(strategyId, t));
            // the breaker's day is that of the last cycle it saw, the view's (a failed cycle recorded after it, in the
            // next day, has no portfolio and must not start that day for the breaker)
            long seen = view.ts();
            long dayFrom = CircuitBreaker.dayFrom(seen);
            double dayStart = restart.filter(t -> t.ts() >= dayFrom).map(BreakerTransition::equity)
                    .orElseGet(() -> store.dayStartEquity(sleeve.runId, dayFrom));
            int paused = own.filter(t -> t.to() == BreakerState.PAUSED)
                    .map(t -> store.cyclesAfter(sleeve.runId, t.ts())).orElse(0);
            sleeve.breaker.restoreDay(seen, dayStart, paused);
            restored = true;
        }
    }

    /**
     * After a restart, once every strategy's sleeve is registered and restored: the portfolio breaker goes on from
     * its last stored state ({@link #keepPortfolioState}) if that summed the same sleeves, the same strategies with
     * their runs continued: its state, equity peak, day, day start and cycles paused are the ones a breaker that never
     * stopped had at that state's update; then the stored cycles' updates after it, and the manual resets among them,
     * are applied again in order ({@link PortfolioReplay}). Otherwise (other sleeves, or no state stored) and if any
     * sleeve was restored, it takes the state its last recorded transition left and starts its peak and day afresh.
     * Either way its update count goes on from the stored one.
     */
    public void restorePortfolio() {
        if (store == null) {
            return;
        }
        synchronized (this) {
            Optional<PortfolioBreakerState> saved = store.lastPortfolioState();
            // on from every number used, a transition's too (a torn-cycle repair deletes the stored state)
            portfolioUpdates = Math.max(portfolioUpdates, store.lastPortfolioUpdate());
            if (saved.isPresent() && saved.get().sleeves().equals(sleeveNames)) {
                PortfolioBreakerState s = saved.get();
                PortfolioReplay replay = new PortfolioReplay(portfolioBreaker, equitiesOf(s));
                portfolioBreaker.restore(s.state(), s.peak(), replay.sum());
                portfolioBreaker.restoreDay(s.ts(), s.dayStart(), s.pausedCycles());
                List<RiskStore.Recorded> recorded = store.portfolioTransitionsAfter(s.update());
                // a state stored before V9 has no sleeve equities to sum the updates with: its resets only, as before
                replay.apply(s.sleeveEquities() == null ? List.of() : store.portfolioUpdatesAfter(s.update()),
                        recorded);
                squareTransitions(recorded, replay.made);
                store.lastTransition(PORTFOLIO, null).ifPresent(t -> lastTransitions.put(PORTFOLIO, t));
                LOG.info("portfolio breaker restored {} (peak {}, day start {}) from update {} of {}, then {} stored"
                        + " cycle(s) after it and {} manual reset(s) applied again", portfolioBreaker.state(),
                        Decimals.money(portfolioBreaker.peak()), Decimals.money(portfolioBreaker.dayStart()),
                        s.update(), s.composeId() == null ? "a manual reset" : "cycle " + s.composeId(),
                        replay.updates, replay.resets);
            } else if (restored) {
                Optional<BreakerTransition> last = store.lastTransition(PORTFOLIO, null);
                portfolioBreaker.restore(last.map(BreakerTransition::to).orElse(BreakerState.ACTIVE), Double.NaN,
                        totalEquity());
                last.ifPresent(t -> lastTransitions.put(PORTFOLIO, t));
                LOG.info("portfolio breaker {}: its equity peak and day start afresh ({})", portfolioBreaker.state(),
                        saved.isEmpty() ? "no stored state" : "its stored state summed other sleeves: "
                                + saved.get().sleeves());
            }
        }
    }

    /**
     * After the replay: a recorded portfolio transition of an update after the stored state stays where the replay made
     * the same move (the same states) at that update, as it was recorded (its equity and cause those the running
     * breaker saw). The others go: a lost cycle's (it runs again and records its own) and a stored cycle's that the
     * replay did not make (its sum held a lost cycle's equity). Manual resets stay. The replay's moves not recorded
     * yet are recorded, with their updates.
     */
    private void squareTransitions(List<RiskStore.Recorded> recorded, Map<Long, BreakerTransition> made) {
        Map<Long, BreakerTransition> unrecorded = new LinkedHashMap<>(made);
        List<Long> deleted = new ArrayList<>();
        for (RiskStore.Recorded r : recorded) {
            if (r.reset()) {
                continue;   // an operator's act: it stays, and the replay applied it again
            }
            BreakerTransition m = unrecorded.get(r.update());
            if (m != null && m.from() == r.transition().from() && m.to() == r.transition().to()) {
                unrecorded.remove(r.update());
            } else {
                deleted.add(r.eventId());
            }
        }
        if (!deleted.isEmpty() || !unrecorded.isEmpty()) {
            store.squarePortfolioTransitions(deleted, unrecorded);
            LOG.info("portfolio breaker: {} transition(s) after the stored state deleted (a lost cycle's runs again and"
                    + " records its own), {} recorded as the stored cycles after it made them again", deleted.size(),
                    unrecorded.size());
        }
    }

    /**
     * @param s a stored state of the same sleeves
     * @return each sleeve's equity it summed, by strategy, in registration order; a state stored before V9 has none,
     *     and the sleeves' restored equities stand in (as a restart took them before)
     */
    private LinkedHashMap<String, Double> equitiesOf(PortfolioBreakerState s) {
        Map<Sleeve, Double> stored = new HashMap<>();
        double[] e = s.sleeveEquities();
        boolean none = e == null || e.length != sortedSleeves.length;
        for (int i = 0; i < sortedSleeves.length; i++) {
            stored.put(sortedSleeves[i], none ? sortedSleeves[i].equity() : e[i]);
        }
        LinkedHashMap<String, Double> equities = new LinkedHashMap<>();
        sleeves.forEach((id, sleeve) -> equities.put(id, stored.get(sleeve)));
        return equities;
    }

    private void update(String strategyId, long sequence, long ts, PortfolioView view, boolean record) {
        List<Moved> moved;
        if (confined) {
            moved = moveBreakers(strategyId, sequence, ts, view, record);
        } else {
            synchronized (this) {
                moved = moveBreakers(strategyId, sequence, ts, view, record);
            }
        }
        if (moved != null) {
            for (Moved m : moved) {
                publish(m.transition(), m.update());
            }
        }
    }

    /**
     * Moves both breakers on a sleeve's cycle; runs every cycle, under the lock unless {@link #confined}.
     *
     * @return the transitions to publish (after the lock), null when neither breaker moved (almost every cycle)
     */
    private List<Moved> moveBreakers(String strategyId, long sequence, long ts, PortfolioView view, boolean record) {
        Sleeve sleeve = strategyId == lastUpdatedId ? lastUpdated : sleeves.get(strategyId);
        if (sleeve == null) {
            return null;
        }
        lastUpdatedId = strategyId;
        lastUpdated = sleeve;
        sleeve.last = view;
        BreakerTransition own = sleeve.breaker.update(sleeve.runId, ts, view.equity()).orElse(null);
        BreakerTransition whole = portfolioBreaker.update(null, ts, sleeveEquity()).orElse(null);
        long update = 0;   // the portfolio breaker's, when its state is kept
        if (unstored != null && record) {
            ComposeId cycle = new ComposeId(sleeve.runId, sequence);
            PortfolioBreakerState state = portfolioState(cycle.toString());
            unstored.keep(cycle, state);
            update = state.update();
        }
        if (!record || own == null && whole == null) {
            return null;
        }
        List<Moved> moved = new ArrayList<>(2);
        if (own != null) {
            moved.add(new Moved(own, 0));
        }
        if (whole != null) {
            moved.add(new Moved(whole, update));
        }
        return moved;
    }

    /** A breaker's transition and, for the portfolio breaker's, the update its stored state has. */
    private record Moved(BreakerTransition transition, long update) {}

    /**
     * Manually resets a PAUSED or HALTED breaker.
     *
     * @param scope a strategy id or {@link #PORTFOLIO}
     * @param reason why, recorded
     * @return the transition, empty if the breaker was ACTIVE
     */
    public Optional<BreakerTransition> reset(String scope, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("resetting a breaker needs a reason");
        }
        Optional<BreakerTransition> t;
        long update = 0;
        UnstoredStates kept = null;
        synchronized (this) {
            // ts on the cycle timeline (the last cycle seen), so a restart can order the reset among the cycles
            if (PORTFOLIO.equals(scope)) {
                long ts = sleeves.values().stream().filter(s -> s.last != null).mapToLong(s -> s.last.ts()).max()
                        .orElse(System.currentTimeMillis());
                t = portfolioBreaker.reset(null, ts, reason);
                if (t.isPresent() && unstored != null) {
                    // stored with the first batch whose watermark passes it, once its transition is recorded: a state
                    // stored now would sum the cycles still queued, which a crash may lose
                    PortfolioBreakerState state = portfolioState(null);
                    unstored.keepReset(state);
                    update = state.update();
                    kept = unstored;
                }
            } else {
                Sleeve s = sleeves.get(scope);
                if (s == null) {
                    throw new IllegalArgumentException("no strategy '" + scope + "'; have " + sleeves.keySet()
                            + " and " + PORTFOLIO);
                }
                t = s.breaker.reset(s.runId, s.last == null ? System.currentTimeMillis() : s.last.ts(), reason);
            }
        }
        if (t.isPresent()) {
            try {
                publish(t.get(), update);
            } finally {
                if (kept != null) {
                    kept.resetRecorded(update);
                }
            }
        }
        return t;
    }

    /** @param observer told of every recorded transition */
    public void onTransition(Consumer<BreakerTransition> observer) {
        observers.add(observer);
    }

    /** @return every breaker's state: each strategy, then {@link #PORTFOLIO} */
    public synchronized Map<String, BreakerState> states() {
        Map<String, BreakerState> m = new LinkedHashMap<>();
        sleeves.forEach((id, s) -> m.put(id, s.breaker.state()));
        m.put(PORTFOLIO, portfolioBreaker.state());
        return m;
    }

    /** @return the last transition of every breaker that moved (recorded, or restored after a restart), by scope */
    public Map<String, BreakerTransition> lastTransitions() {
        return Map.copyOf(lastTransitions);
    }

    /** @return every strategy's sleeve, in registration order */
    public synchronized List<SleeveState> sleeves() {
        List<SleeveState> l = new ArrayList<>();
        sleeves.forEach((id, s) -> l.add(new SleeveState(id, s.runId, s.capital, s.last, s.breaker.state())));
        return l;
    }

    /** @return the worse of the strategy's and the portfolio's breaker */
    public synchronized BreakerState effectiveState(String strategyId) {
        Sleeve s = sleeves.get(strategyId);
        BreakerState own = s == null ? BreakerState.ACTIVE : s.breaker.state();
        return own.compareTo(portfolioBreaker.state()) >= 0 ? own : portfolioBreaker.state();
    }

    /** @return the sum of every sleeve's last equity (its capital before its first cycle) */
    public synchronized double totalEquity() {
        return sleeveEquity();
    }

    /** The sum of the sleeves' equity; the caller holds the engine's lock (every cycle: no second, nested lock). */
    private double sleeveEquity() {
        double sum = 0;
        for (Sleeve s : sleeveArray) {   // every cycle: the sleeves in registration order, no iterator
            sum += s.equity();
        }
        return sum;
    }

    /** @return each sleeve's last portfolio view, by strategy (absent before its first cycle) */
    public synchronized Map<String, PortfolioView> views() {
        Map<String, PortfolioView> m = new LinkedHashMap<>();
        sleeves.forEach((id, s) -> {
            if (s.last != null) {
                m.put(id, s.last);
            }
        });
        return m;
    }

    synchronized double portfolioEquity(String strategyId, double ownEquity) {
        double sum = ownEquity;
        for (Map.Entry<String, Sleeve> e : sleeves.entrySet()) {
            if (!e.getKey().equals(strategyId)) {
                sum += e.getValue().equity();
            }
        }
        return sum;
    }

    synchronized Map<String, Double> otherSleevesExposure(String strategyId) {
        Map<String, Double> m = new HashMap<>();
        sleeves.forEach((id, s) -> {
            if (!id.equals(strategyId) && s.last != null) {
                for (PositionSnapshot p : s.last.positions()) {
                    m.merge(p.symbol(), p.quantity() * p.markPrice(), Double::sum);
                }
            }
        });
        return m;
    }

    private synchronized String worstScope(String strategyId) {
        Sleeve s = sleeves.get(strategyId);
        return s != null && s.breaker.state().compareTo(portfolioBreaker.state()) >= 0 ? strategyId : PORTFOLIO;
    }

    /** The portfolio breaker's state now, as the next update; under this object's lock. */
    private PortfolioBreakerState portfolioState(String composeId) {
        CircuitBreaker b = portfolioBreaker;
        double[] equities = new double[sortedSleeves.length];
        for (int i = 0; i < equities.length; i++) {
            equities[i] = sortedSleeves[i].equity();
        }
        return new PortfolioBreakerState(++portfolioUpdates, composeId, sleeveNames, b.seen(), b.state(), b.peak(),
                b.dayStart(), b.pausedCycles(), b.last(), equities);
    }

    /** Records a transition: with the portfolio breaker's update it came with, if its states are kept (0 if not). */
    private void publish(BreakerTransition t, long update) {
        lastTransitions.put(t.scope(), t);
        LOG.warn("circuit breaker {}: {} -> {} ({})", t.scope(), t.from(), t.to(), t.cause());
        if (store != null) {
            try {
                store.recordTransition(t, update);
            } catch (RuntimeException e) {
                LOG.error("could not record breaker transition {}: {}", t, e.toString());
            }
        }
        observers.forEach(o -> o.accept(t));
    }
}
