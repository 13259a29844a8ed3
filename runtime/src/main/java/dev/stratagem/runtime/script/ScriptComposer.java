package dev.stratagem.runtime.script;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.runtime.cycle.VersionedComponent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;

/**
 * A decision composer written as a script. For every symbol with features it calls
 * {@code compose(f, api)}: {@code f} is the feature values as an array of doubles in the order of the
 * pipeline's names ({@code api.feature(name)} gives an index, once, in {@code init}); orders go out through
 * {@code api.buy/sell/close}, the return value is the rationale.
 *
 * <p>Failures: a failing call fails the cycle (recorded with file, line and column); after
 * {@link ScriptSettings#maxConsecutiveFailures()} failures in a row the script is paused and every cycle
 * fails fast with the reason, until a valid new version is {@link #offer offered}. A call abandoned because it
 * could not be stopped counts as one, and the next cycle runs in a context rebuilt from the same
 * source (the features and risk scripts count and pause alike: {@link ScriptHealth}). New versions are swapped in at the start of the next cycle, on the strategy's thread.
 */
public final class ScriptComposer extends ReloadableScript
        implements DecisionComposer, VersionedComponent, AutoCloseable {

    private final ScriptSettings settings;
    private final ArrayDeque<ComposeContext> recent = new ArrayDeque<>();
    private volatile ScriptProgram program;
    private final ScriptHealth health;
    private Set<String> required;
    /** The names the strategy's pipeline produces now (a features script's reload can change them). */
    private volatile Supplier<List<String>> produced;

    private final ScriptRecipe recipe;

    ScriptComposer(ScriptRecipe recipe, ScriptSettings settings) {
        this.recipe = recipe;
        this.program = recipe.build();
        this.settings = settings;
        this.produced = recipe::featureNames;
        this.required = Set.copyOf(program.api.required());
        this.health = new ScriptHealth(program, settings.maxConsecutiveFailures());
    }

    @Override
    public String id() {
        return program.manifest.id();
    }

    @Override
    public void configure(Parameters params) {
        // Parameters were merged with the manifest defaults and checked when the script was built.
    }

    @Override
    public Set<String> requiredFeatures() {
        return required;
    }

    /** @return the version serving now */
    @Override
    public ComponentVersion version() {
        return program.version;
    }

    /** @return the current status (safe from any thread) */
    @Override
    public ScriptStatus status() {
        return health.status();
    }

    @Override
    ScriptHealth health() {
        return health;
    }

    @Override
    ScriptProgram program() {
        return program;
    }

    @Override
    ScriptRecipe recipe() {
        return recipe;
    }

    /**
     * @param names what the strategy's pipeline produces, asked at each reload (the names at assembly
     *     until this is called)
     */
    void produced(Supplier<List<String>> names) {
        this.produced = names;
    }

    /** A new version finds its feature indices against what the pipeline produces now, not at assembly. */
    @Override
    List<String> resolvedAgainst() {
        return produced.get();
    }

    /**
     * Replays the last composed contexts through a new version: every call must succeed and every order
     * must have a finite positive quantity; every feature it reads must be one the pipeline produces now.
     */
    @Override
    int validate(ScriptProgram next) {
        List<String> names = produced.get();
        List<String> missing = next.api.required().stream().filter(name -> !names.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new ScriptFailure("the new version reads features " + missing + " the pipeline does not produce"
                    + " (it produces " + names + ")", false);
        }
        List<ComposeContext> replay = recentContexts();
        for (ComposeContext recorded : replay) {
            ComposeContext context = recorded.replayed(); // decided already: never traded
            ComposeResult result = run(next, context);
            for (TradeInstruction order : result.instructions()) {
                if (!Double.isFinite(order.quantity()) || order.quantity() <= 0) {
                    throw new ScriptFailure("replaying cycle " + context.composeId() + ": order " + order.side()
                            + " " + order.symbol() + " has quantity " + order.quantity(), false);
                }
            }
        }
        return replay.size();
    }

    /** @return the last contexts composed, oldest first, for validating a new version (any thread) */
    List<ComposeContext> recentContexts() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    @Override
    public ComposeResult compose(ComposeContext context) {
        swapInWithState();   // volatile reads per cycle, no atomic write
        if (settings.replayDepth() > 0) {
            synchronized (recent) {
                if (recent.size() == settings.replayDepth()) {
                    recent.removeFirst();
                }
                recent.addLast(context);
            }
        }
        return call(p -> run(p, context), true);
    }

    @Override
    void adopt(ScriptProgram version) {
        program = version;
        required = Set.copyOf(version.api.required());
    }

    /** One compose over every symbol's features with one program; also what a reload replays. */
    static ComposeResult run(ScriptProgram p, ComposeContext context) {
        ScriptApi api = p.api;
        api.beginCall();
        api.cash = context.portfolio().cash();
        api.equity = context.portfolio().equity();
        api.sharpe = context.digest().sharpe();
        api.trades = context.digest().tradeCount();
        api.ts = context.ts();
        List<FeatureVector> features = context.features();
        String rationale = null;
        StringBuilder many = null;
        for (FeatureVector f : features) {
            api.at(f.symbol(), context.portfolio().quantity(f.symbol()));
            Value why = p.callMain(values(f, p.api), api);
            String text;
            if (why.isNull()) {
                text = "";
            } else if (why.isString()) {
                text = why.asString();
            } else {
                throw new ScriptFailure(p.where() + ": compose() must return the rationale (a string) or nothing, "
                        + "returned " + ScriptProgram.safeText(why), false);
            }
            if (features.size() == 1) {
                rationale = text;
            } else {
                many = (many == null ? new StringBuilder() : many.append("; ")).append(f.symbol()).append(": ").append(text);
            }
        }
        return new ComposeResult(api.orders, many != null ? many.toString() : rationale == null ? "" : rationale);
    }

    /** The vector's values in the order of the pipeline names the script was given (one buffer per version). */
    private static double[] values(FeatureVector f, ScriptApi api) {
        List<String> names = f.names();
        if (names != api.bufferNames) {
            api.bufferNames = names;
            List<String> expected = api.featureNames();
            api.bufferIndex = new int[expected.size()];
            for (int i = 0; i < api.bufferIndex.length; i++) {
                api.bufferIndex[i] = names.indexOf(expected.get(i));
            }
            api.buffer = new double[api.bufferIndex.length];
        }
        int[] index = api.bufferIndex;
        double[] buffer = api.buffer;
        for (int i = 0; i < index.length; i++) {
            buffer[i] = index[i] < 0 ? Double.NaN : f.value(index[i]);
        }
        return buffer;
    }

    /** Closes the serving context (and any pending one). */
    public void close() {
        swap.close("script " + id() + " closed");
        program.close();
    }
}
