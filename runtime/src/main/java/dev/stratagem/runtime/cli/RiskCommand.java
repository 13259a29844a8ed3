package dev.stratagem.runtime.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stratagem risk status|reset}: the circuit breakers of the running runtime, through its ops endpoint.
 * Breaker state lives in the running risk engine (and its transitions in H2); with no runtime there is
 * nothing to show or reset, and the command says so in one line (exit code 1).
 */
@Command(name = "risk", mixinStandardHelpOptions = true,
        description = "Circuit breakers of the running runtime: show them, or reset a PAUSED or HALTED one.",
        subcommands = {RiskCommand.Status.class, RiskCommand.Reset.class})
final class RiskCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int noRuntime(PrintWriter out, OpsClient client) {
        out.println("no runtime is running on this database (no answer from the port in " + client.portFile()
                + "); start one with `stratagem run`");
        out.flush();
        return 1;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Every breaker (each strategy, then the portfolio), its state and its last transition's cause.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            OpsClient client = OpsClient.forDatabase(database.database());
            Optional<JsonObject> risk = client.call("/risk", null);
            if (risk.isEmpty()) {
                return noRuntime(out, client);
            }
            out.printf("%-24s %-9s %s%n", "SCOPE", "STATE", "LAST TRANSITION");
            for (Object o : risk.get().getJsonArray("breakers")) {
                JsonObject b = (JsonObject) o;
                out.printf("%-24s %-9s %s%n", b.getString("scope"), b.getString("state"), last(b));
            }
            JsonObject ks = risk.get().getJsonObject("killSwitch");
            out.printf("kill switch %s: %s%n", ks.getBoolean("active") ? "ACTIVE" : "inactive", ks.getString("reason"));
            out.flush();
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Reset a PAUSED or HALTED breaker to ACTIVE; recorded in breaker_events, kept across restarts.")
    static final class Reset implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "<strategyId|portfolio>", description = "Which breaker.")
        String scope;
        @Option(names = "--reason", required = true, description = "Why; recorded with the reset.")
        String reason;
        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Override
        public Integer call() throws Exception {
            reason = Formats.oneLine(reason);
            if (reason.isBlank()) {
                throw new IllegalArgumentException("--reason must not be blank");
            }
            PrintWriter out = spec.commandLine().getOut();
            OpsClient client = OpsClient.forDatabase(database.database());
            Optional<JsonObject> b = client.call("/risk/reset",
                    new JsonObject().put("scope", scope).put("reason", reason).put("actor", "cli"));
            if (b.isEmpty()) {
                return noRuntime(out, client);
            }
            JsonObject r = b.get();
            out.println(r.getBoolean("changed")
                    ? "breaker " + scope + " reset to " + r.getString("state") + ": " + last(r)
                    : "breaker " + scope + " is " + r.getString("state") + ": nothing to reset (only PAUSED or HALTED)");
            out.flush();
            return 0;
        }
    }

    private static String last(JsonObject breaker) {
        JsonObject t = breaker.getJsonObject("last");
        if (t == null) {
            return "-";
        }
        return t.getString("from") + " -> " + t.getString("to") + " at " + Instant.ofEpochMilli(t.getLong("ts"))
                + ": " + t.getString("cause");
    }
}
