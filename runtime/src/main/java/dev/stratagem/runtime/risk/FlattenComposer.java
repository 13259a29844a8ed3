package dev.stratagem.runtime.risk;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Wraps a strategy's composer: while the kill switch is active with {@code flatten}, the strategy's own
 * decision is skipped and every open position is closed with a reduce-only market order (the kill switch
 * check lets exactly those through). Otherwise the strategy decides as usual.
 */
public final class FlattenComposer implements DecisionComposer {

    private final DecisionComposer inner;
    private final KillSwitch killSwitch;

    /**
     * @param inner the strategy's composer
     * @param killSwitch the runtime's switch
     */
    public FlattenComposer(DecisionComposer inner, KillSwitch killSwitch) {
        this.inner = inner;
        this.killSwitch = killSwitch;
    }

    /** @return the strategy's own composer (whose version the cycle records) */
    public DecisionComposer inner() {
        return inner;
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public Set<String> requiredFeatures() {
        return inner.requiredFeatures();
    }

    @Override
    public java.util.Map<String, Object> snapshot() {
        return inner.snapshot(); // a hot reload hands the strategy's own state over, not the wrapper's
    }

    @Override
    public void restore(java.util.Map<String, Object> state) {
        inner.restore(state);
    }

    @Override
    public ComposeResult compose(ComposeContext context) {
        KillSwitchState s = killSwitch.state();
        if (!s.active() || !s.flatten()) {
            return inner.compose(context);
        }
        List<TradeInstruction> orders = new ArrayList<>();
        for (PositionSnapshot p : context.portfolio().positions()) {
            if (p.quantity() != 0) {
                orders.add(TradeInstruction.market(p.symbol(), p.quantity() > 0 ? Side.SELL : Side.BUY,
                        Math.abs(p.quantity())).asReduceOnly());
            }
        }
        return new ComposeResult(orders, "kill switch active, flattening: " + s.reason());
    }
}
