package dev.stratagem.runtime.script;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.runtime.cycle.VersionedComponent;

/**
 * A guardrail written as a script: {@code check(api)} per instruction, with the order in
 * {@code api.symbol/side/quantity/price}, the projected position in {@code api.position}; the script calls
 * {@code api.reject(reason)} or {@code api.clamp(quantity, reason)}, or nothing to accept.
 */
final class ScriptRiskCheck implements RiskCheck, VersionedComponent {

    private final ScriptProgram program;

    ScriptRiskCheck(ScriptProgram program, ScriptSettings settings) {
        this.program = program;
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
        ScriptApi api = program.api;
        api.beginCall();
        api.symbol = instruction.symbol();
        api.side = instruction.side().name();
        api.quantity = instruction.quantity();
        api.price = context.price(instruction.symbol());
        api.position = context.projectedQuantity(instruction.symbol());
        api.cash = context.portfolio().cash();
        api.equity = context.portfolio().equity();
        program.callMain(api);
        if (api.verdictReason == null) {
            return RiskVerdict.ACCEPT;
        }
        if (Double.isNaN(api.clampQuantity)) {
            return RiskVerdict.reject(id() + ": " + api.verdictReason);
        }
        if (!(api.clampQuantity > 0) || api.clampQuantity > instruction.quantity()) {
            throw new ScriptFailure(program.where() + ": clamp(" + api.clampQuantity + ") must be positive and at most "
                    + instruction.quantity(), false);
        }
        return RiskVerdict.clamp(api.clampQuantity, id() + ": " + api.verdictReason);
    }
}
