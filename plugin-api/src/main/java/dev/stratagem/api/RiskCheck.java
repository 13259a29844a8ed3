package dev.stratagem.api;

/**
 * One guardrail: step 6 of the cycle. The runtime runs every configured check on every instruction, in
 * order; a clamp feeds the smaller size to the next check, a reject stops the instruction. Every verdict is
 * recorded with its reason.
 */
public interface RiskCheck extends StrategyComponent {

    /**
     * @param instruction the instruction, with its id assigned and any earlier clamp applied
     * @param context the portfolio, instruments, prices and pending positions
     * @return accept, clamp (with the smaller size and why) or reject (with why); never {@code null}
     */
    RiskVerdict check(TradeInstruction instruction, RiskContext context);
}
