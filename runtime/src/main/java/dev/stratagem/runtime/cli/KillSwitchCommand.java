package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.KillSwitchState;
import dev.stratagem.runtime.risk.RiskStore;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stratagem killswitch}: activate, deactivate or show the persistent kill switch. While a runtime
 * holds the database, the change goes through its ops endpoint (port from {@code <db>.ops-port}) and takes
 * effect at once; otherwise it is written to H2 and the next start picks it up.
 */
@Command(name = "killswitch", mixinStandardHelpOptions = true,
        description = "Halt all trading with one command: every new order is rejected while it is active.")
final class KillSwitchCommand implements Callable<Integer> {

    static final class Action {
        @Option(names = "--activate", required = true, description = "Reject every new order from now on.")
        boolean activate;
        @Option(names = "--deactivate", required = true, description = "Allow orders again.")
        boolean deactivate;
        @Option(names = "--status", required = true, description = "Show the switch.")
        boolean status;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--reason", description = "Why (required with --activate); recorded and shown in every rejection.")
    String reason;

    @Option(names = "--flatten", description = "With --activate: also close every position with reduce-only orders.")
    boolean flatten;

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Override
    public Integer call() throws Exception {
        reason = Formats.oneLine(reason);
        if (action.activate && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("--activate needs --reason \"...\"");
        }
        if (flatten && !action.activate) {
            throw new IllegalArgumentException("--flatten goes with --activate only (it closes every position as the"
                    + " switch turns on)");
        }
        KillSwitchState state = viaRuntime().orElseGet(this::viaDatabase);
        System.out.printf("kill switch %s%s: %s (by %s at %s)%n", state.active() ? "ACTIVE" : "inactive",
                state.flatten() ? ", flattening" : "", state.reason(), state.actor(),
                state.changedAt() == 0 ? "-" : java.time.Instant.ofEpochMilli(state.changedAt()));
        return 0;
    }

    private KillSwitchState viaDatabase() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(database.existing())) {
            KillSwitch ks = new KillSwitch(new RiskStore(store));
            if (action.activate) {
                return ks.activate(reason, flatten, "cli");
            }
            return action.deactivate ? ks.deactivate(reason, "cli") : ks.state();
        }
    }

    private java.util.Optional<KillSwitchState> viaRuntime() throws IOException, InterruptedException {
        JsonObject body = action.status ? null : new JsonObject()
                .put("action", action.activate ? "activate" : "deactivate").put("reason", reason == null ? "" : reason)
                .put("flatten", flatten).put("actor", "cli");
        return OpsClient.forDatabase(database.database()).call("/killswitch", body)
                .map(json -> new KillSwitchState(json.getBoolean("active"), json.getBoolean("flatten"),
                        json.getString("reason"), json.getString("actor"), json.getLong("changedAt")));
    }
}
