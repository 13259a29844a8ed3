package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;

/**
 * Rejects every order while the kill switch is active, with {@code kill switch active: <reason>}. The one
 * exception is a flattening order (reduce-only, strictly reducing the position) while the switch was
 * activated with {@code flatten}.
 */
public final class KillSwitchCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "kill-switch";

    private final KillSwitch killSwitch;

    /** @param killSwitch the runtime's switch */
    public KillSwitchCheck(KillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        KillSwitchState s = killSwitch.state();
        if (!s.active()) {
            return RiskVerdict.ACCEPT;
        }
        if (s.flatten() && instruction.reduceOnly() && Reduction.reduces(instruction, context)) {
            return RiskVerdict.ACCEPT;
        }
        return RiskVerdict.reject("kill switch active: " + s.reason());
    }
}
