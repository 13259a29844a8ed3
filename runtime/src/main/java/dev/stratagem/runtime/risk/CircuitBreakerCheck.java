package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.util.function.Supplier;

/**
 * Gates orders on the worse of the strategy's and the portfolio's breaker: ACTIVE passes; REDUCING lets
 * only orders that reduce a position through (a flip is clamped to flat); PAUSED and HALTED reject.
 */
public final class CircuitBreakerCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "circuit-breaker";

    private final Supplier<BreakerState> state;
    private final Supplier<String> scope;

    /**
     * @param state the effective state for this strategy
     * @param scope names the breaker that set it, for reasons
     */
    public CircuitBreakerCheck(Supplier<BreakerState> state, Supplier<String> scope) {
        this.state = state;
        this.scope = scope;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        BreakerState s = state.get();
        return switch (s) {
            case ACTIVE -> RiskVerdict.ACCEPT;
            case REDUCING -> {
                double keep = Reduction.reducible(instruction, context);
                if (Double.isNaN(keep) || !(keep > 0)) {
                    yield RiskVerdict.reject("circuit breaker " + scope.get() + " is REDUCING: only orders that reduce"
                            + " a position may trade");
                }
                yield keep < instruction.quantity()
                        ? RiskVerdict.clamp(keep, "circuit breaker " + scope.get() + " is REDUCING: clamped to flat")
                        : RiskVerdict.ACCEPT;
            }
            case PAUSED, HALTED -> RiskVerdict.reject("circuit breaker " + scope.get() + " is " + s);
        };
    }
}
