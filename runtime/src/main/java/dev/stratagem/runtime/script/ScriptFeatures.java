package dev.stratagem.runtime.script;

import dev.stratagem.api.Candle;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.api.Parameters;
import dev.stratagem.runtime.cycle.VersionedComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A features pipeline written as a script: once per cycle and symbol with a new bar it calls
 * {@code features(bar, out, api)}, where {@code bar} is {@code [open, high, low, close, volume]} of the new
 * bar and {@code out} is an array of {@code NaN}s, one per name under {@code outputs} in the manifest, for
 * the script to fill (incrementally: the script keeps its own rolling state).
 *
 * <p>Reload: the last bars it was fed (warm-up plus replay depth, per symbol; the warm-up even with a replay
 * depth of 0) are kept. A new version is validated by feeding it those bars in order in its fresh context:
 * every call must succeed and, once the new version's warm-up is past, every declared output must be
 * finite; the strategy's composer must still find every feature it reads. That replay also primes the new
 * version's rolling state, and at the swap (the start of the next {@link #compute}) it is fed the bars that
 * closed since, so it serves warm: every bar from the start of its validation is kept until it swaps in or
 * is refused, however many arrive meanwhile, and a version that would miss one is refused at the swap.
 *
 * <p>The version serving is fed every bar, in order, as long as the bar is kept: a bar it missed because its cycle was
 * cut short (a swap's call that could not be stopped, the new version refused; a call that failed on an earlier symbol
 * of the cycle) is fed to it before the next cycle's. A version whose own call was abandoned (it could not be stopped)
 * is rebuilt from the same source at the next {@link #compute}, in a fresh context, and primed as a reload's version
 * is: fed the kept bars, all but the ones calls were stuck on (the same source would likely be stuck on them again),
 * before the cycle's own. A kept bar a catch-up call fails on is passed over, its own cycle being over; one it runs
 * past its time budget on fails the cycle, so that a slow version holds no cycle longer than one call's budget.
 *
 * <p>Failures: a failing call fails the cycle; after {@link ScriptSettings#maxConsecutiveFailures()} in a row (an
 * abandoned call counts as one) the script is paused, as a composer is ({@link ScriptHealth}): every cycle fails fast
 * with the reason and no call runs, until a new version swaps in. The bars are kept meanwhile, for that version's
 * validation and catch-up.
 */
final class ScriptFeatures extends ReloadableScript implements FeaturesPipeline, VersionedComponent, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptFeatures.class);

    /** The names of the bar array's fields, in order (what {@code api.feature(name)} resolves against). */
    static final List<String> BAR_FIELDS = List.of("open", "high", "low", "close", "volume");

    private final ScriptRecipe recipe;
    private final ScriptSettings settings;
    private volatile ScriptProgram program;
    private final ScriptHealth health;
    private volatile Supplier<Set<String>> consumers = Set::of;
    /** The bar handed to the script, and the outputs it writes: new ones for a rebuilt version (see compute). */
    private double[] bar = new double[5];
    private double[] out;
    /** Guards the kept bars and versions catching up (the reloader reads them from its own thread). */
    private final Object kept = new Object();
    private final Map<String, FeatureVector> last = new HashMap<>();
    /** The last bars fed, oldest first (guarded by {@link #kept}). */
    private final ArrayDeque<Fed> recent = new ArrayDeque<>();
    /** How many bars {@link #recent} keeps when no version is waiting; 0 until the first bar. */
    private int keep;
    /**
     * Versions being validated or waiting for the swap, each with the last bar it was fed: the bars after it
     * are kept whatever {@link #keep} says, for its catch-up (guarded by {@link #kept}).
     */
    private final Map<ScriptProgram, Long> catchingUp = new IdentityHashMap<>();
    private long fed;
    /** The kept bars a call was stuck on, not fed to the version rebuilt after it (the strategy's thread only). */
    private final TreeSet<Long> stuckOn = new TreeSet<>();

    ScriptFeatures(ScriptRecipe recipe, ScriptSettings settings) {
        this.recipe = recipe;
        this.settings = settings;
        this.program = recipe.build();
        this.out = new double[program.manifest.outputs().size()];
        this.health = new ScriptHealth(program, settings.maxConsecutiveFailures());
    }

    @Override
    public ComponentVersion version() {
        return program.version;
    }

    @Override
    public String id() {
        return program.manifest.id();
    }

    @Override
    public void configure(Parameters params) {
        // merged and checked when the script was built
    }

    @Override
    public int warmup() {
        return program.manifest.warmup();
    }

    @Override
    public List<String> featureNames() {
        return program.manifest.outputs();
    }

    /**
     * @param required what the strategy's composer reads, asked at each validation (a script composer's
     *     needs change with its own reloads)
     */
    void consumers(Supplier<Set<String>> required) {
        this.consumers = required;
    }

    @Override
    public List<FeatureVector> compute(MarketWindow window) {
        List<String> symbols = window.symbols();
        long cycleFrom = fed;   // the number of this cycle's first new bar
        for (String symbol : symbols) {   // kept for a reload's validation and catch-up, also while paused
            if (window.size(symbol) > 0 && window.updated(symbol)) {
                remember(window.latest(symbol), symbols.size());
            }
        }
        ScriptSwap.Pending offer = takeOffer();
        if (offer != null) {   // kept first: a swap cut short here must not keep this cycle's bars from the old version
            swapIn(offer, cycleFrom);
        }
        return call(p -> computeWith(p, window, symbols, cycleFrom), true);
    }

    @Override
    void adopt(ScriptProgram rebuilt) {
        ScriptProgram dead = program;
        if (dead.feeding > dead.fedUpTo) {
            stuckOn.add(dead.feeding);
        }
        program = rebuilt;
        // the abandoned call may still write into the old arrays when it returns, if ever
        bar = new double[5];
        out = new double[rebuilt.manifest.outputs().size()];
    }

    /**
     * Feeds {@code p} the kept bars it missed, then each symbol's new bar (numbered from {@code cycleFrom}, in the
     * order {@link #compute} kept them), and gives each symbol's latest vector.
     */
    private List<FeatureVector> computeWith(ScriptProgram p, MarketWindow window, List<String> symbols,
            long cycleFrom) {
        if (p.fedUpTo < cycleFrom - 1) {
            catchUp(p, cycleFrom);
        }
        List<String> names = p.manifest.outputs();
        List<FeatureVector> vectors = new ArrayList<>(symbols.size());
        long seq = cycleFrom;
        for (String symbol : symbols) {
            if (window.size(symbol) == 0) {
                continue;
            }
            if (window.updated(symbol)) {
                Candle c = window.latest(symbol);
                feed(p, seq++, c, bar, out);
                last.put(symbol, new FeatureVector(symbol, c.ts(), names, out));
            }
            FeatureVector v = last.get(symbol);
            if (v != null) {
                vectors.add(v);
            }
        }
        return vectors;
    }

    /**
     * Feeds the serving version the kept bars before {@code before} that it was not fed: the bar of a cycle cut short
     * before its call (a swap's call abandoned), or, for a version rebuilt after an abandoned call, every kept bar but
     * those a call was stuck on. Their vectors are the latest until the cycle's own.
     */
    private void catchUp(ScriptProgram p, long before) {
        List<Fed> missed = recentAfter(p.fedUpTo);
        long firstKept = missed.isEmpty() ? before : missed.getFirst().seq();
        if (p.fedUpTo >= 0 && firstKept > p.fedUpTo + 1) {
            LOG.warn("script {}: bars {} to {} are no longer kept; version {} goes on without them", id(),
                    p.fedUpTo + 1, firstKept - 1, p.sha256);
        }
        stuckOn.headSet(firstKept).clear();   // older than any bar kept: never fed again
        List<String> names = p.manifest.outputs();
        for (Fed f : missed) {
            if (f.seq() >= before) {
                break;
            }
            if (stuckOn.contains(f.seq())) {
                continue;
            }
            Candle c = f.candle();
            try {
                feed(p, f.seq(), c, bar, out);
                last.put(c.symbol(), new FeatureVector(c.symbol(), c.ts(), names, out));
            } catch (ScriptFailure e) {
                if (e.timedOut()) {
                    throw e;   // the cycle fails; the next one goes on after this bar
                }
                // the bar's own cycle is over, and this failure is not this cycle's
                LOG.warn("script {}: version {} failed on the {} bar of {} while catching up, passed over: {}", id(),
                        p.sha256, c.symbol(), c.ts(), e.getMessage());
            }
        }
    }

    /**
     * Feeds bar number {@code seq} to a version and counts it fed, failed or not; a call that never comes back (it was
     * abandoned) leaves {@link ScriptProgram#feeding} above {@link ScriptProgram#fedUpTo}.
     */
    private static void feed(ScriptProgram p, long seq, Candle c, double[] bar, double[] out) {
        p.feeding = seq;
        try {
            step(p, c, bar, out);
        } finally {
            p.fedUpTo = seq;
        }
    }

    /** Feeds one bar to a version: its outputs land in {@code out}. */
    private static void step(ScriptProgram p, Candle c, double[] bar, double[] out) {
        bar[0] = c.open();
        bar[1] = c.high();
        bar[2] = c.low();
        bar[3] = c.close();
        bar[4] = c.volume();
        Arrays.fill(out, Double.NaN);
        p.api.beginCall();
        p.api.at(c.symbol(), 0);
        p.api.ts = c.ts();
        p.callMain(bar, out, p.api);
    }

    private void remember(Candle c, int symbols) {
        synchronized (kept) {
            if (keep == 0) {
                keep = (Math.max(1, program.manifest.warmup()) + settings.replayDepth()) * Math.max(1, symbols);
            }
            recent.addLast(new Fed(fed++, c));
            long pinned = Long.MAX_VALUE;
            for (long upTo : catchingUp.values()) {
                pinned = Math.min(pinned, upTo);
            }
            while (recent.size() > keep && recent.peekFirst().seq() <= pinned) {
                recent.removeFirst();
            }
        }
    }

    /** One bar kept for replay, with its feed order. */
    private record Fed(long seq, Candle candle) {}

    /** @return the kept bars with a sequence number above {@code after}, oldest first */
    private List<Fed> recentAfter(long after) {
        synchronized (kept) {
            List<Fed> all = new ArrayList<>();
            for (Fed f : recent) {
                if (f.seq() > after) {
                    all.add(f);
                }
            }
            return all;
        }
    }

    @Override
    int validate(ScriptProgram next) {
        List<String> produced = next.manifest.outputs();
        Set<String> missing = new TreeSet<>(consumers.get());
        produced.forEach(missing::remove);
        if (!missing.isEmpty()) {
            throw new ScriptFailure("the strategy's composer reads features " + missing + " that the new version of "
                    + id() + " no longer produces (it produces " + produced + ")", false);
        }
        int warm = Math.max(1, next.manifest.warmup());
        double[] barOf = new double[5];
        double[] outOf = new double[produced.size()];
        Map<String, Integer> seen = new HashMap<>();
        List<Fed> replay;
        synchronized (kept) {
            replay = List.copyOf(recent);
            catchingUp.put(next, fed - 1);
        }
        try {
            replay(next, replay, warm, barOf, outOf, seen);
        } catch (RuntimeException e) {
            release(next);
            throw e;
        }
        if (next.manifest.warmup() != program.manifest.warmup()) {
            LOG.warn("script {}: the new version declares a warm-up of {} bars (was {}); the running strategy is past"
                    + " its warm-up and keeps going", id(), next.manifest.warmup(), program.manifest.warmup());
        }
        return replay.size();
    }

    private static void replay(ScriptProgram next, List<Fed> replay, int warm, double[] barOf, double[] outOf,
            Map<String, Integer> seen) {
        List<String> produced = next.manifest.outputs();
        for (Fed f : replay) {
            Candle c = f.candle();
            try {
                feed(next, f.seq(), c, barOf, outOf);
            } catch (ScriptFailure e) {
                throw new ScriptFailure("replaying the " + c.symbol() + " bar of " + c.ts() + ": " + e.getMessage(),
                        e.timedOut());
            }
            if (seen.merge(c.symbol(), 1, Integer::sum) >= warm) {
                for (int i = 0; i < outOf.length; i++) {
                    if (!Double.isFinite(outOf[i])) {
                        throw new ScriptFailure(next.where() + ": replaying the " + c.symbol() + " bar of " + c.ts()
                                + ", feature '" + produced.get(i) + "' is " + outOf[i] + " after the warm-up of "
                                + warm + " bars", false);
                    }
                }
            }
        }
    }

    @Override
    void dropped(ScriptProgram next) {
        release(next);
        next.close();
    }

    /** Stops keeping bars for a version that will not swap in. */
    private void release(ScriptProgram version) {
        synchronized (kept) {
            catchingUp.remove(version);
        }
    }

    @Override
    CompletableFuture<Void> offer(ScriptProgram next) {
        synchronized (kept) {
            // a newer offer supersedes any waiting one: only this one still needs its bars
            catchingUp.keySet().removeIf(p -> p != next);
        }
        CompletableFuture<Void> done = super.offer(next);
        done.whenComplete((ok, failed) -> release(next));
        return done;
    }

    /**
     * On the strategy's thread: feeds the new version the bars since its validation, up to the cycle's own, then lets
     * it serve. Into arrays of its own: a catch-up call that is abandoned may still write into them when it returns,
     * if ever.
     */
    private void swapIn(ScriptSwap.Pending offer, long cycleFrom) {
        ScriptProgram next = offer.program();
        double[] barNext = new double[5];
        double[] outNext = new double[next.manifest.outputs().size()];
        List<FeatureVector> caught = new ArrayList<>();
        try {
            long upTo;
            synchronized (kept) {
                Long pinned = catchingUp.get(next);
                upTo = pinned == null ? next.fedUpTo : pinned;
            }
            if (upTo >= cycleFrom) {
                // validated on some of this cycle's bars (it ran between their keeping and this swap): swapping in
                // now would feed them twice; the swap stays taken, and the next cycle's take gives it back
                return;
            }
            List<Fed> since = recentAfter(upTo);
            long from = since.isEmpty() ? fed : since.getFirst().seq();
            if (from != upTo + 1) {
                throw new ScriptFailure("bars " + (upTo + 1) + " to " + (from - 1) + " since its validation are no"
                        + " longer kept: it would serve with a hole in its history", false);
            }
            for (Fed f : since) {
                if (f.seq() >= cycleFrom) {
                    break;
                }
                feed(next, f.seq(), f.candle(), barNext, outNext);
                caught.add(new FeatureVector(f.candle().symbol(), f.candle().ts(), next.manifest.outputs(), outNext));
            }
        } catch (RuntimeException e) {
            ScriptFailure why = failure(e);
            LOG.error("script {}: new version {} refused at swap, catching up failed: {}", id(), next.sha256,
                    why.getMessage());
            swap.refused(offer, why);
            return;
        }
        ScriptProgram old = program;
        caught.forEach(v -> last.put(v.symbol(), v));
        out = outNext;
        program = next;
        stuckOn.clear();   // the bars the old version was stuck on were fed to this one
        served(offer, old);
    }

    @Override
    ScriptRecipe recipe() {
        return recipe;
    }

    @Override
    ScriptProgram program() {
        return program;
    }

    @Override
    public ScriptStatus status() {
        return health.status();
    }

    @Override
    ScriptHealth health() {
        return health;
    }

    /** Closes the serving context (and any waiting one). */
    @Override
    public void close() {
        swap.close("script " + id() + " closed");
        program.close();
    }
}
