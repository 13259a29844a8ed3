package dev.stratagem.api;

import java.util.Objects;

/**
 * A guardrail verdict as recorded in a cycle: which check said what about which instruction.
 *
 * @param instructionId the instruction judged
 * @param check the id of the {@link RiskCheck}
 * @param outcome accepted, clamped or rejected
 * @param quantityBefore the instruction's quantity when the check saw it
 * @param quantityAfter the quantity after the check (equal unless clamped; zero if rejected)
 * @param reason the check's reason, empty for an accept
 */
public record GuardrailVerdict(
        String instructionId,
        String check,
        VerdictOutcome outcome,
        double quantityBefore,
        double quantityAfter,
        String reason) {

    /** Validates the fields. */
    public GuardrailVerdict {
        Checks.nonBlank(instructionId, "instructionId");
        Checks.nonBlank(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
    }
}
