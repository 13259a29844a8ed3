package dev.stratagem.api;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a composer decided: the orders to place and why.
 *
 * <p>The rationale is either text ({@link #ComposeResult(List, String)}) or, with {@link #lazy}, a function that
 * writes it when something first reads it: the history for a recorded cycle, the console, a listener. A backtest
 * that records only the cycles with activity then formats a few percent of its rationales. Either way
 * {@link #rationale()} returns the same text, and two
 * results are equal when their instructions and rationale text are.
 *
 * <p>Not a record since the rationale became lazy: its accessors, constructor and factories are those of the
 * record it was.
 */
public final class ComposeResult {

    private final List<TradeInstruction> instructions;
    private final Supplier<String> writer;
    private volatile String rationale;

    /**
     * @param instructions the orders, possibly none (copied)
     * @param rationale a human-readable reason, recorded with the cycle and shown in the console; {@code null}
     *     becomes empty
     */
    public ComposeResult(List<TradeInstruction> instructions, String rationale) {
        this.instructions = List.copyOf(Objects.requireNonNull(instructions, "instructions"));
        this.writer = null;
        this.rationale = rationale == null ? "" : rationale;
    }

    private ComposeResult(List<TradeInstruction> instructions, Supplier<String> writer) {
        this.instructions = List.copyOf(Objects.requireNonNull(instructions, "instructions"));
        this.writer = Objects.requireNonNull(writer, "rationale writer");
    }

    /**
     * A decision whose rationale is written only when read. The function may run on another thread than the
     * composer's, and more than once if two threads read at the same moment, so it must use only values it
     * captured when the decision was made, never the composer's own mutable state. If it throws (anything but
     * a {@link VirtualMachineError}), the rationale says so instead.
     *
     * @param instructions the orders, possibly none (copied)
     * @param rationale writes the reason; a {@code null} result becomes empty
     * @return the result
     */
    public static ComposeResult lazy(List<TradeInstruction> instructions, Supplier<String> rationale) {
        return new ComposeResult(instructions, rationale);
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

    /** @return the orders, possibly none */
    public List<TradeInstruction> instructions() {
        return instructions;
    }

    /** @return the reason, written now if it was lazy and nobody read it yet */
    public String rationale() {
        String text = rationale;
        if (text == null) {
            try {
                // values are read as the history stores them, so the text is the one it reads back
                text = writer instanceof RationaleValues v ? RationaleValues.render(v.pattern(), v.count(), v::value)
                        : Objects.requireNonNullElse(writer.get(), "");
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // also an Error (a class of an unloaded plugin version, a stack overflow): the reader may be the
                // history writer, which must go on writing every strategy's cycles
                text = "(the rationale could not be written: " + e + ")";
            }
            rationale = text;
        }
        return text;
    }

    /**
     * @return the rationale as a pattern and its numbers if the composer gave it so ({@link RationaleValues}), for a
     *     reader that stores it (a backtest's history), else {@code null}: read {@link #rationale()}
     */
    public RationaleValues values() {
        return writer instanceof RationaleValues v ? v : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComposeResult other && instructions.equals(other.instructions)
                && rationale().equals(other.rationale());
    }

    @Override
    public int hashCode() {
        return 31 * instructions.hashCode() + rationale().hashCode();
    }

    @Override
    public String toString() {
        return "ComposeResult[instructions=" + instructions + ", rationale=" + rationale() + "]";
    }
}
