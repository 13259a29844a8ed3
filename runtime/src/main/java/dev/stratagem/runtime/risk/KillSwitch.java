package dev.stratagem.runtime.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's kill switch: one per runtime (all strategies), persisted in H2 so a restart comes back in
 * the same state. Reads are lock-free (a volatile snapshot): every guardrail evaluation reads it.
 * Changes are written to the database before they take effect, so an acknowledged change survives a crash.
 */
public final class KillSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitch.class);

    private final RiskStore store;
    private final List<Consumer<KillSwitchState>> observers = new ArrayList<>();
    private volatile KillSwitchState state;

    /** @param store where the state lives; {@code null} keeps it in memory only (tests, backtests) */
    public KillSwitch(RiskStore store) {
        this.store = store;
        this.state = store == null ? KillSwitchState.OFF : store.killSwitch();
    }

    /** @return the current state */
    public KillSwitchState state() {
        return state;
    }

    /** @return whether new orders are refused */
    public boolean active() {
        return state.active();
    }

    /**
     * @param reason why, recorded and shown in every rejection
     * @param flatten also close every position
     * @param actor who (cli, api, console)
     * @return the new state
     */
    public KillSwitchState activate(String reason, boolean flatten, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("activating the kill switch needs a reason");
        }
        return change(new KillSwitchState(true, flatten, reason, actor, System.currentTimeMillis()));
    }

    /**
     * @param reason why it is lifted
     * @param actor who
     * @return the new state
     */
    public KillSwitchState deactivate(String reason, String actor) {
        return change(new KillSwitchState(false, false, reason == null || reason.isBlank() ? "deactivated" : reason,
                actor, System.currentTimeMillis()));
    }

    /** @param observer told of every change, on the changing thread */
    public synchronized void onChange(Consumer<KillSwitchState> observer) {
        observers.add(Objects.requireNonNull(observer));
    }

    private synchronized KillSwitchState change(KillSwitchState next) {
        if (store != null) {
            store.saveKillSwitch(next);
        }
        state = next;
        LOG.warn("kill switch {} by {}: {}{}", next.active() ? "ACTIVATED" : "deactivated", next.actor(), next.reason(),
                next.flatten() ? " (flattening positions)" : "");
        observers.forEach(o -> o.accept(next));
        return next;
    }
}
