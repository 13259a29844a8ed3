package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.plugin.PluginInfo;
import dev.stratagem.runtime.plugin.reload.PluginApiClient;
import dev.stratagem.runtime.plugin.reload.PluginStatus;
import dev.stratagem.runtime.script.ScriptHotReload;
import dev.stratagem.runtime.web.auth.TokenStore;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratagem plugins}: what the plugins folder provides, and hot reload on a running runtime. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List, follow, reload and roll back "
        + "the plugins of a running runtime, through its console API.",
        subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.History.class, PluginsCommand.Reload.class,
                PluginsCommand.Rollback.class})
final class PluginsCommand {

    /** Where the running runtime's API is, and its token. */
    static final class ApiOption {
        @Option(names = "--api", description = "The runtime's console API. Default: "
                + "http://127.0.0.1:8080 (where `stratagem run` serves it).")
        URI api;

        @Option(names = "--token", description = "The console's bearer token, which reload and rollback need."
                + " Default: read from console.token beside the --db file.")
        String token;

        @Mixin
        DatabaseOption database = new DatabaseOption();

        URI address() {
            return api == null ? PluginApiClient.DEFAULT_API : api;
        }

        PluginApiClient client() {
            return new PluginApiClient(address(), token);
        }

        /** A client with the token, from the option or the console's token file: for changes. */
        PluginApiClient authorized() {
            String bearer = token != null ? token
                    : TokenStore.existing(database.database().toAbsolutePath().getParent()).orElse(null);
            return new PluginApiClient(address(), bearer);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the plugins, their versions, jar hashes and extensions: those the running runtime"
                    + " serves (with the strategies running each and the versions stored for rollback) and its"
                    + " script components (role, id, strategy, version and SHA-256, state, versions kept), else,"
                    + " when nothing answers and no --api is given, the plugins in the plugins folder.")
    static final class ListPlugins implements Callable<Integer> {
        @Mixin
        PluginsOption home = new PluginsOption();

        @Mixin
        ApiOption api = new ApiOption();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                return list(out);
            } finally {
                out.flush();
            }
        }

        private int list(PrintWriter out) {
            List<PluginStatus> live;
            try {
                live = api.client().list();
            } catch (PluginApiClient.Unreachable e) {
                if (api.api != null) {
                    throw e;
                }
                System.err.println("note: " + e.getMessage() + "; listing the plugins folder " + home.plugins());
                return listFolder(out);
            }
            out.printf(Locale.ROOT, "%-14s %-16s %-13s %-40s %s%n", "plugin", "version", "sha256",
                    "strategies", "stored versions");
            for (PluginStatus p : live) {
                if (!p.pluginId().startsWith(ScriptHotReload.PREFIX)) {
                    out.printf(Locale.ROOT, "%-14s %-16s %-13s %-40s %s%n", p.pluginId(), p.version(),
                            p.sha256(), p.strategies(), p.stored());
                }
            }
            listScripts(out, live.stream().filter(p -> p.pluginId().startsWith(ScriptHotReload.PREFIX)).toList());
            return 0;
        }

        /** One row per script component running: each use ({@code role: id}) of each strategy running it. */
        private static void listScripts(PrintWriter out, List<PluginStatus> scripts) {
            String row = "%-9s %-22s %-14s %-8s %-13s %-12s %-32s %s%n";
            if (scripts.stream().allMatch(s -> s.strategies().isEmpty())) {
                return; // a finished history's scripts: none runs
            }
            out.println();
            out.printf(Locale.ROOT, row, "role", "id", "strategy", "version", "sha256", "state", "kept versions",
                    "script");
            for (PluginStatus s : scripts) {
                for (String use : s.extensions()) {
                    for (String strategy : s.strategies()) {
                        String[] roleId = use.split(": ", 2);
                        String[] strategyState = strategy.split(": ", 2);
                        out.printf(Locale.ROOT, row, roleId[0], roleId[roleId.length - 1], strategyState[0],
                                s.version(), s.sha256(), strategyState[strategyState.length - 1], s.stored(),
                                s.pluginId());
                    }
                }
            }
        }

        private int listFolder(PrintWriter out) {
            try (PluginCatalog catalog = PluginCatalog.load(home.plugins())) {
                out.printf(Locale.ROOT, "%-14s %-16s %-9s %-13s %s%n", "plugin", "version", "state", "sha256", "extensions");
                for (PluginInfo p : catalog.plugins()) {
                    out.printf(Locale.ROOT, "%-14s %-16s %-9s %-13s %s%s%n", p.pluginId(), p.version(), p.state(),
                            p.sha256(), p.extensions(), p.problem().isEmpty() ? "" : "  problem: " + p.problem());
                }
            }
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "A running runtime's reload events for one plugin, newest first: versions, outcome,"
                    + " reason and how long each phase took.")
    static final class History implements Callable<Integer> {
        @Parameters(index = "0", description = "The plugin id.")
        String pluginId;

        @Mixin
        ApiOption api = new ApiOption();

        @Override
        public Integer call() {
            List<ReloadEvent> events = api.client().history(pluginId);
            System.out.printf(Locale.ROOT, "%-24s %-8s %-9s %-22s %-22s %8s %8s %9s %8s  %s%n", "at", "trigger",
                    "outcome", "from", "to", "detect", "load", "validate", "swap", "reason");
            for (ReloadEvent e : events) {
                System.out.printf(Locale.ROOT, "%-24s %-8s %-9s %-22s %-22s %6.1fms %6.1fms %7.1fms %6.1fms  %s%n",
                        Instant.ofEpochMilli(e.at()), e.trigger(), e.outcome(), version(e.oldVersion(), e.oldSha256()),
                        version(e.newVersion(), e.newSha256()), e.detectMicros() / 1e3, e.loadMicros() / 1e3,
                        e.validateMicros() / 1e3, e.swapMicros() / 1e3, e.reason());
            }
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Make an earlier stored version of a plugin live again, through the same validated"
                    + " swap as a dropped jar.")
    static final class Rollback implements Callable<Integer> {
        @Parameters(index = "0", description = "The plugin id.")
        String pluginId;

        @Option(names = "--to", description = "The version to restore: an id as `plugins list` shows it"
                + " (<version>-<sha12>), a version only one stored build has, or the start of one's SHA-256."
                + " Default: the one live before the current.")
        String to;

        @Mixin
        ApiOption api = new ApiOption();

        @Override
        public Integer call() {
            return outcome(pluginId, api.authorized().rollback(pluginId, to));
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Validate the plugin's jar in plugins/ again and swap it in (e.g. after a refusal whose"
                    + " cause was outside the jar).")
    static final class Reload implements Callable<Integer> {
        @Parameters(index = "0", description = "The plugin id.")
        String pluginId;

        @Mixin
        ApiOption api = new ApiOption();

        @Override
        public Integer call() {
            return outcome(pluginId, api.authorized().reload(pluginId));
        }
    }

    private static int outcome(String pluginId, ReloadEvent e) {
        System.out.printf(Locale.ROOT, "%s %s: %s -> %s: %s%n", pluginId, e.outcome(),
                version(e.oldVersion(), e.oldSha256()), version(e.newVersion(), e.newSha256()), e.reason());
        return ReloadEvent.REFUSED.equals(e.outcome()) ? 1 : 0;
    }

    private static String version(String version, String sha) {
        return version.isEmpty() ? "-" : version + " (" + sha + ")";
    }
}
