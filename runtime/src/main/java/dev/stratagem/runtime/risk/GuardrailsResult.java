package dev.stratagem.runtime.risk;

import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.TradeInstruction;
import java.util.List;

/**
 * What the guardrails made of one cycle's instructions.
 *
 * @param accepted the instructions that may be sent, in order, with any clamp applied
 * @param verdicts every verdict of every check on every instruction, in the order they were given
 */
public record GuardrailsResult(List<TradeInstruction> accepted, List<GuardrailVerdict> verdicts) {

    /** Copies the lists. */
    public GuardrailsResult {
        accepted = List.copyOf(accepted);
        verdicts = List.copyOf(verdicts);
    }
}
