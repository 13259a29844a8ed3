package dev.stratagem.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Sends orders to a venue (real or simulated): step 7 of the cycle. Gateways do I/O, so submission is
 * asynchronous; a simulated gateway returns an already completed stage.
 *
 * <p>The instruction id is the client order id: submitting an id twice must not trade twice.
 */
public interface ExecutionGateway extends StrategyComponent {

    /**
     * @param instructions the orders that passed the guardrails, with ids assigned
     * @param market the market as of this cycle
     * @return one result per instruction, in the same order: a fill, an acknowledgement of a working order,
     *     a rejection or an error
     */
    CompletionStage<List<TxResult>> submit(List<TradeInstruction> instructions, MarketWindow market);

    /**
     * Gives working orders a chance to fill against a new bar, before the cycle of that bar runs.
     *
     * @param bar the new bar
     * @return the fills (and expiries) it caused, possibly none
     */
    default List<TxResult> onBar(Candle bar) {
        return List.of();
    }
}
