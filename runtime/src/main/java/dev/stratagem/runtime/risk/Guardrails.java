package dev.stratagem.runtime.risk;

import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.VerdictOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 6 of the cycle: runs every {@link RiskCheck} on every instruction, in order, and records each verdict.
 *
 * <p>Per instruction: an accept passes it to the next check; a clamp passes the smaller size on; a reject
 * stops it. A check that throws, returns {@code null} or clamps upwards broke its contract: the instruction
 * is rejected with {@code check <id> failed: <message>} (fail closed) and the next instruction goes on.
 * An instruction that passes every check is booked into a running projection (position and cash at
 * reference prices), so later instructions of the same cycle see it: two buys share one buying power.
 *
 * <p>The default chain ({@link #defaults()}): unknown-instrument, quantity, lot-size, max-notional,
 * max-position (which also enforces reduce-only and no-short), max-open-positions, max-leverage,
 * buying-power. Orders that only reduce a position pass the last four.
 */
public final class Guardrails {

    /** The id recorded when an instruction passes checks that did not make it sendable. */
    public static final String SELF_ID = "guardrails";

    private static final GuardrailsResult EMPTY = new GuardrailsResult(List.of(), List.of());

    private final List<RiskCheck> checks;
    private final List<String> ids;

    /**
     * @param checks the checks to run, in order
     * @throws IllegalArgumentException if a check has a blank id
     */
    public Guardrails(List<RiskCheck> checks) {
        this.checks = List.copyOf(checks);
        List<String> names = new ArrayList<>(this.checks.size());
        for (RiskCheck check : this.checks) {
            String id = check.id();
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("risk check " + check.getClass().getName() + " has no id");
            }
            names.add(id);
        }
        this.ids = List.copyOf(names);
    }

    /** @return the eight built-in checks, in their default order */
    public static Guardrails defaults() {
        return new Guardrails(List.of(
                new UnknownInstrumentCheck(), new QuantityCheck(), new LotSizeCheck(), new MaxNotionalCheck(),
                new MaxPositionCheck(), new MaxOpenPositionsCheck(), new MaxLeverageCheck(), new BuyingPowerCheck()));
    }

    /** @return the checks, in the order they run */
    public List<RiskCheck> checks() {
        return checks;
    }

    /**
     * @param instructions this cycle's instructions, ids assigned
     * @param portfolio the portfolio before this cycle's orders
     * @param instruments the strategy's instruments by symbol
     * @param prices reference prices by symbol
     * @param pendingQuantities signed quantities of working orders by symbol; projected at reference prices
     * @return the instructions that may be sent and every verdict
     * @throws IllegalArgumentException if an instruction has no id or a pending quantity has no price
     */
    public GuardrailsResult evaluate(List<TradeInstruction> instructions, PortfolioView portfolio,
            Map<String, Instrument> instruments, Map<String, Double> prices, Map<String, Double> pendingQuantities) {
        if (instructions.isEmpty()) {
            return EMPTY;
        }
        Projection projection = new Projection(portfolio, instruments, prices, pendingQuantities);
        List<TradeInstruction> accepted = new ArrayList<>(instructions.size());
        List<GuardrailVerdict> verdicts = new ArrayList<>(instructions.size() * (checks.size() + 1));
        for (int i = 0; i < instructions.size(); i++) {
            TradeInstruction instruction = instructions.get(i);
            if (instruction == null) {
                throw new NullPointerException("instruction " + i);   // the message built only when it fails
            }
            if (instruction.id() == null) {
                throw new IllegalArgumentException("instruction " + i + " (" + instruction.symbol()
                        + ") has no id; ids are assigned before the guardrails run");
            }
            TradeInstruction passed = run(instruction, projection.context(), verdicts);
            if (passed != null) {
                accepted.add(passed);
                projection.accept(passed);
            }
        }
        return new GuardrailsResult(accepted, verdicts);
    }

    /** @return the instruction as it passed every check, or {@code null} if it was rejected */
    private TradeInstruction run(TradeInstruction instruction, RiskContext context, List<GuardrailVerdict> verdicts) {
        String id = instruction.id();
        TradeInstruction current = instruction;
        for (int c = 0; c < checks.size(); c++) {
            String check = ids.get(c);
            double before = current.quantity();
            RiskVerdict verdict;
            try {
                verdict = checks.get(c).check(current, context);
            } catch (Exception | LinkageError e) {
                String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                verdicts.add(rejected(id, check, before, "check " + check + " failed: " + message));
                return null;
            }
            switch (verdict) {
                case null -> {
                    verdicts.add(rejected(id, check, before, "check " + check + " failed: returned no verdict"));
                    return null;
                }
                case RiskVerdict.Accept a ->
                        verdicts.add(new GuardrailVerdict(id, check, VerdictOutcome.ACCEPTED, before, before, ""));
                case RiskVerdict.Clamp clamp -> {
                    if (!(clamp.quantity() <= before)) {
                        verdicts.add(rejected(id, check, before, "check " + check + " failed: clamped up from "
                                + Decimals.plain(before) + " to " + Decimals.plain(clamp.quantity())));
                        return null;
                    }
                    verdicts.add(new GuardrailVerdict(id, check, VerdictOutcome.CLAMPED, before, clamp.quantity(),
                            clamp.reason()));
                    current = current.withQuantity(clamp.quantity());
                }
                case RiskVerdict.Reject reject -> {
                    verdicts.add(rejected(id, check, before, reject.reason()));
                    return null;
                }
            }
        }
        return sendable(current, context, verdicts);
    }

    /** A chain without the built-in first checks must still not let an unbookable order out. */
    private static TradeInstruction sendable(TradeInstruction instruction, RiskContext context,
            List<GuardrailVerdict> verdicts) {
        double qty = instruction.quantity();
        double price = context.price(instruction.symbol());
        String problem = !Double.isFinite(qty) || qty <= 0
                ? "quantity " + Decimals.plain(qty) + " is not a positive number"
                : !Double.isFinite(price) || price <= 0 ? "no price for " + instruction.symbol() : null;
        if (problem == null) {
            return instruction;
        }
        verdicts.add(rejected(instruction.id(), SELF_ID, qty, problem));
        return null;
    }

    private static GuardrailVerdict rejected(String id, String check, double before, String reason) {
        return new GuardrailVerdict(id, check, VerdictOutcome.REJECTED, before, 0, reason);
    }
}
