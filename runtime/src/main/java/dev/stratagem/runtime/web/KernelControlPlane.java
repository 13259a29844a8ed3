package dev.stratagem.runtime.web;

import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.KillSwitchRow;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.kernel.StrategyRunState;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The control plane of {@code stratagem run}: start, pause and stop act on the kernel's running strategies
 * (pause: the strategy skips bars and records nothing; stop: {@code onStop}, its run finished as
 * {@code STOPPED: operator}). Strategies only in the history are listed as the history has them and answer
 * 409; the kill switch is the running risk engine's.
 */
public final class KernelControlPlane implements ControlPlane {

    private final Kernel kernel;
    private final HistoryControlPlane history;

    /**
     * @param kernel the running runtime
     * @param store the history it records into
     */
    public KernelControlPlane(Kernel kernel, JdbiHistoryStore store) {
        this.kernel = kernel;
        this.history = new HistoryControlPlane(store, kernel.risk().killSwitch());
    }

    @Override
    public List<StrategyState> strategies() {
        List<StrategyState> states = new ArrayList<>();
        kernel.states().forEach(s -> states.add(view(s)));
        Set<String> live = states.stream().map(StrategyState::strategyId).collect(Collectors.toSet());
        history.strategies().stream().filter(s -> !live.contains(s.strategyId())).forEach(states::add);
        return states;
    }

    @Override
    public StrategyState command(String strategyId, StrategyCommand command) {
        if (kernel.states().stream().noneMatch(s -> s.strategyId().equals(strategyId))) {
            if (history.strategies().stream().anyMatch(s -> s.strategyId().equals(strategyId))) {
                throw new ControlException(409, "strategy '" + strategyId + "' is not running in this runtime");
            }
            throw new ControlException(404, "no strategy '" + strategyId + "' in this runtime or its history");
        }
        try {
            return view(switch (command) {
                case START -> kernel.resume(strategyId);
                case PAUSE -> kernel.pause(strategyId);
                case STOP -> kernel.stop(strategyId);
            });
        } catch (IllegalArgumentException e) {
            throw new ControlException(404, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ControlException(409, e.getMessage());
        }
    }

    @Override
    public Optional<Future<List<TradeHistoryEntry>>> liveTrades(String runId) {
        return kernel.liveTrades(runId);
    }

    @Override
    public KillSwitchRow killSwitch() {
        return history.killSwitch();
    }

    @Override
    public KillSwitchRow setKillSwitch(boolean engaged, String reason, String changedBy) {
        return history.setKillSwitch(engaged, reason, changedBy);
    }

    private static StrategyState view(StrategyRunState s) {
        return new StrategyState(s.strategyId(), s.runId(), s.state(), s.reason());
    }
}
