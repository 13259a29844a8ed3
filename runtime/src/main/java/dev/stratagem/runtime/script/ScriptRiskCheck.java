package dev.stratagem.runtime.script;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.runtime.cycle.VersionedComponent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A guardrail written as a script: {@code check(api)} per instruction, with the order in
 * {@code api.symbol/side/quantity/price}, the projected position in {@code api.position}; the script calls
 * {@code api.reject(reason)} or {@code api.clamp(quantity, reason)}, or nothing to accept. A call that
 * fails throws, and the guardrails reject the instruction naming this check (fail closed); one abandoned because it
 * could not be stopped fails its cycle, and the next check runs in a context rebuilt from the same source. After
 * {@link ScriptSettings#maxConsecutiveFailures()} failed calls in a row (one per order; an abandoned one counts as
 * one) the check is paused, as a composer is ({@link ScriptHealth}): every check fails fast with the reason, so every
 * order is rejected, and no call runs until a new version swaps in.
 *
 * <p>Reload: a new version is validated on the last orders this check saw (or, before any, on a fixed
 * probe set: a buy and a sell of 1 {@code PROBE} at 100): every call must return a valid verdict. It swaps
 * in at the first check of a later cycle (a cycle is told apart by its portfolio view), with the old
 * version's {@code save()} state; cycles without orders keep recording the version that would have run.
 */
final class ScriptRiskCheck extends ReloadableScript implements RiskCheck, VersionedComponent, AutoCloseable {

    /** Validates a version that has seen no order yet. */
    static final List<Probe> PROBES = List.of(new Probe("PROBE", "BUY", 1, 100, 0, 100_000, 100_000),
            new Probe("PROBE", "SELL", 1, 100, 0, 100_000, 100_000));

    private final ScriptRecipe recipe;
    private final ScriptSettings settings;
    private final ArrayDeque<Probe> recent = new ArrayDeque<>();
    private volatile ScriptProgram program;
    private final ScriptHealth health;
    private PortfolioView cycle;
    /** Whether a check of this cycle failed already: a cycle's failed checks count as one failure toward the pause. */
    private boolean failedThisCycle;

    /** What one call of {@code check} is given. */
    record Probe(String symbol, String side, double quantity, double price, double position, double cash,
            double equity) {
        @Override
        public String toString() {
            return side + " " + quantity + " " + symbol + " at " + price + " (position " + position + ")";
        }
    }

    ScriptRiskCheck(ScriptRecipe recipe, ScriptSettings settings) {
        this.recipe = recipe;
        this.settings = settings;
        this.program = recipe.build();
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
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        if (context.portfolio() != cycle) {
            // the first check of a cycle: its boundary
            cycle = context.portfolio();
            failedThisCycle = false;
            swapInWithState();
        }
        Probe probe = new Probe(instruction.symbol(), instruction.side().name(), instruction.quantity(),
                context.price(instruction.symbol()), context.projectedQuantity(instruction.symbol()),
                context.portfolio().cash(), context.portfolio().equity());
        if (settings.replayDepth() > 0) {
            synchronized (recent) {
                if (recent.size() == settings.replayDepth()) {
                    recent.removeFirst();
                }
                recent.addLast(probe);
            }
        }
        try {
            return call(p -> verdict(p, probe), !failedThisCycle);
        } catch (ScriptFailure e) {
            failedThisCycle = true;
            throw e;
        }
    }

    @Override
    void adopt(ScriptProgram version) {
        program = version;
    }

    /** One call of {@code check}; throws {@link ScriptFailure} for a failed call or an invalid verdict. */
    static RiskVerdict verdict(ScriptProgram p, Probe probe) {
        ScriptApi api = p.api;
        api.beginCall();
        api.side = probe.side();
        api.quantity = probe.quantity();
        api.price = probe.price();
        api.at(probe.symbol(), probe.position());
        api.cash = probe.cash();
        api.equity = probe.equity();
        p.callMain(api);
        String id = p.manifest.id();
        if (api.verdictReason == null) {
            return RiskVerdict.ACCEPT;
        }
        if (Double.isNaN(api.clampQuantity)) {
            return RiskVerdict.reject(id + ": " + api.verdictReason);
        }
        if (!(api.clampQuantity > 0) || api.clampQuantity > probe.quantity()) {
            throw new ScriptFailure(p.where() + ": clamp(" + api.clampQuantity + ") must be positive and at most "
                    + probe.quantity(), false);
        }
        return RiskVerdict.clamp(api.clampQuantity, id + ": " + api.verdictReason);
    }

    @Override
    int validate(ScriptProgram next) {
        List<Probe> seen;
        synchronized (recent) {
            seen = List.copyOf(recent);
        }
        List<Probe> probes = seen.isEmpty() ? PROBES : seen;
        for (Probe probe : probes) {
            try {
                verdict(next, probe);
            } catch (ScriptFailure e) {
                throw new ScriptFailure("checking " + probe + ": " + e.getMessage(), e.timedOut());
            }
        }
        return probes.size();
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

    @Override
    public void close() {
        swap.close("script " + id() + " closed");
        program.close();
    }
}
