package dev.stratagem.runtime.web;

import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.KillSwitchState;
import dev.stratagem.runtime.risk.RiskStore;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.KillSwitchRow;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.kernel.StrategyRunState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A control plane over the history: strategies are those with recorded runs (the latest run each), the kill
 * switch is the runtime's {@link KillSwitch} (persisted in H2, enforced by the risk engine of a running
 * runtime). Used where no runtime runs in this process ({@code demo}, {@code console}, {@code run} after its
 * feed ended): a finished run answers 409; a run another process still records is only marked in memory, since
 * nothing here can reach it. {@code stratagem run} itself uses {@link KernelControlPlane}.
 */
public final class HistoryControlPlane implements ControlPlane {

    private final JdbiHistoryStore store;
    private final KillSwitch killSwitch;
    private final Map<String, String> requested = new ConcurrentHashMap<>();

    /**
     * @param store the history
     * @param killSwitch the runtime's kill switch (the running engine's, or one over the same H2 table)
     */
    public HistoryControlPlane(JdbiHistoryStore store, KillSwitch killSwitch) {
        this.store = store;
        this.killSwitch = killSwitch;
    }

    /**
     * @param store the history
     * @return a control plane whose kill switch is the one stored in that history
     */
    public static HistoryControlPlane over(JdbiHistoryStore store) {
        return new HistoryControlPlane(store, new KillSwitch(new RiskStore(store)));
    }

    @Override
    public List<StrategyState> strategies() {
        Map<String, RunRow> latest = new LinkedHashMap<>();
        for (RunRow r : store.runs()) {
            latest.putIfAbsent(r.strategyId(), r);
        }
        List<StrategyState> states = new ArrayList<>();
        latest.values().forEach(r -> states.add(state(r)));
        return states;
    }

    @Override
    public synchronized StrategyState command(String strategyId, StrategyCommand command) {
        StrategyState current = strategies().stream().filter(s -> s.strategyId().equals(strategyId)).findFirst()
                .orElseThrow(() -> new ControlException(404, "no strategy '" + strategyId + "' in the history"));
        String next = switch (current.state()) {
            case "FINISHED" -> throw new ControlException(409, "strategy '" + strategyId + "' is not running: its run "
                    + current.runId() + " has finished");
            case "STOPPED" -> throw new ControlException(409, "strategy '" + strategyId
                    + "' was stopped; a stopped run does not resume, start a new run");
            default -> switch (command) {
                case START -> "RUNNING";
                case PAUSE -> "PAUSED";
                case STOP -> "STOPPED";
            };
        };
        requested.put(current.runId(), next);
        return state(strategyId, current.runId(), next);
    }

    @Override
    public KillSwitchRow killSwitch() {
        return row(killSwitch.state());
    }

    @Override
    public KillSwitchRow setKillSwitch(boolean engaged, String reason, String changedBy) {
        if (engaged && (reason == null || reason.isBlank())) {
            throw new ControlException(400, "engaging the kill switch needs a reason");
        }
        return row(engaged ? killSwitch.activate(reason, false, changedBy) : killSwitch.deactivate(reason, changedBy));
    }

    private static KillSwitchRow row(KillSwitchState s) {
        return new KillSwitchRow(s.active(), s.reason(), s.changedAt(), s.actor());
    }

    private StrategyState state(RunRow r) {
        String state = r.finished() ? "FINISHED" : requested.getOrDefault(r.runId(), "RUNNING");
        return state(r.strategyId(), r.runId(), state);
    }

    private static StrategyState state(String strategyId, String runId, String state) {
        return new StrategyState(strategyId, runId, state,
                state.equals("PAUSED") ? StrategyRunState.PAUSED_BY_OPERATOR : null);
    }
}
