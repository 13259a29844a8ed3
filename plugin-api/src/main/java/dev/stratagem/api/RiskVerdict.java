package dev.stratagem.api;

/**
 * What one guardrail says about one instruction: accept it, clamp its size, or reject it.
 * A closed set; a verdict is a value, never an exception.
 */
public sealed interface RiskVerdict {

    /** The instruction may go ahead unchanged. */
    record Accept() implements RiskVerdict {}

    /**
     * The instruction may go ahead with a smaller size.
     *
     * @param quantity the new unsigned quantity, positive and finite
     * @param reason why it was reduced
     */
    record Clamp(double quantity, String reason) implements RiskVerdict {
        /** Validates the quantity and reason. */
        public Clamp {
            Checks.positive(quantity, "quantity");
            Checks.nonBlank(reason, "reason");
        }
    }

    /**
     * The instruction must not go ahead.
     *
     * @param reason why
     */
    record Reject(String reason) implements RiskVerdict {
        /** Validates the reason. */
        public Reject {
            Checks.nonBlank(reason, "reason");
        }
    }

    /** The single accept verdict. */
    RiskVerdict ACCEPT = new Accept();

    /**
     * @param quantity the clamped quantity
     * @param reason why
     * @return a clamp verdict
     */
    static RiskVerdict clamp(double quantity, String reason) {
        return new Clamp(quantity, reason);
    }

    /**
     * @param reason why
     * @return a reject verdict
     */
    static RiskVerdict reject(String reason) {
        return new Reject(reason);
    }
}
