package dev.stratagem.api;

import java.util.List;
import java.util.Objects;

/**
 * What a composer decided: the orders to place and why.
 *
 * @param instructions the orders, possibly none
 * @param rationale a human-readable reason, recorded with the cycle and shown in the console
 */
public record ComposeResult(List<TradeInstruction> instructions, String rationale) {

    /** Copies the instruction list; a null rationale becomes empty. */
    public ComposeResult {
        instructions = List.copyOf(Objects.requireNonNull(instructions, "instructions"));
        rationale = rationale == null ? "" : rationale;
    }

    /**
     * A decision to do nothing.
     *
     * @param rationale why not
     * @return the result
     */
    public static ComposeResult noop(String rationale) {
        return new ComposeResult(List.of(), rationale);
    }

    /**
     * A decision to place orders.
     *
     * @param rationale why
     * @param instructions the orders
     * @return the result
     */
    public static ComposeResult of(String rationale, TradeInstruction... instructions) {
        return new ComposeResult(List.of(instructions), rationale);
    }
}
