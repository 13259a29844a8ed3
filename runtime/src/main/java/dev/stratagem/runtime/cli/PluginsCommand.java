package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.plugin.PluginInfo;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stratagem plugins}: what the plugins folder provides. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "Inspect plugin jars.",
        subcommands = {PluginsCommand.ListPlugins.class})
final class PluginsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the plugins in the plugins folder, their versions, jar hashes and extensions.")
    static final class ListPlugins implements Callable<Integer> {
        @Mixin
        PluginsOption home = new PluginsOption();

        @Override
        public Integer call() {
            try (PluginCatalog catalog = PluginCatalog.load(home.plugins())) {
                System.out.printf(Locale.ROOT, "%-14s %-16s %-9s %-13s %s%n", "plugin", "version", "state", "sha256", "extensions");
                for (PluginInfo p : catalog.plugins()) {
                    System.out.printf(Locale.ROOT, "%-14s %-16s %-9s %-13s %s%s%n", p.pluginId(), p.version(), p.state(),
                            p.sha256(), p.extensions(), p.problem().isEmpty() ? "" : "  problem: " + p.problem());
                }
            }
            return 0;
        }
    }
}
