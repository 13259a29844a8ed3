package dev.stratagem.runtime.web;

import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.runtime.history.KillSwitchRow;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * What the console controls: the strategies' run state and the kill switch. The console only asks; the
 * implementation decides and enforces. Methods may block (they are called off the event loop).
 */
public interface ControlPlane {

    /** @return every known strategy with its latest run and state */
    List<StrategyState> strategies();

    /**
     * Starts, stops or pauses a strategy.
     *
     * @param strategyId the strategy
     * @param command what to do
     * @return the strategy's state afterwards
     * @throws ControlException (404) for an unknown strategy, (409) when the command does not apply
     */
    StrategyState command(String strategyId, StrategyCommand command);

    /**
     * @param runId a run
     * @return the trades so far of a run going on in this process (the history has a run's trades once it ends),
     *     read without blocking the caller; empty for any other run
     */
    default Optional<Future<List<TradeHistoryEntry>>> liveTrades(String runId) {
        return Optional.empty();
    }

    /** @return the kill switch */
    KillSwitchRow killSwitch();

    /**
     * Engages or releases the kill switch.
     *
     * @param engaged whether trading halts
     * @param reason why, as the operator said it
     * @param changedBy who (e.g. {@code console})
     * @return the switch afterwards
     */
    KillSwitchRow setKillSwitch(boolean engaged, String reason, String changedBy);
}
