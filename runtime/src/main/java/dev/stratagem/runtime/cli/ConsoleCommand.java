package dev.stratagem.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stratagem console}: serve the console on a recorded history, e.g. a finished backtest. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Serve the console and its REST API on a history database (a finished backtest or a past run) "
                + "until Ctrl-C.")
final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Mixin
    PluginsOption plugins = new PluginsOption();

    @Mixin
    ConsoleOption console = new ConsoleOption();

    @Override
    public Integer call() throws Exception {
        Path db = database.existing();   // an empty file too: H2 would serve it as a new, empty history
        ConsoleLauncher launcher = ConsoleLauncher.start(console.options(), db, plugins.plugins(), System.out);
        launcher.serveUntilSignal(System.out);
        return 0;
    }
}
