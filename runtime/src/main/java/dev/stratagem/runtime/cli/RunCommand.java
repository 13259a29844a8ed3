package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.plugin.reload.PluginRoutes;
import dev.stratagem.runtime.kernel.KernelOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stratagem run}: boot the kernel and paper-trade the configured strategies on a replayed feed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Boot the runtime: one verticle per strategy, a market-data verticle replaying the feed "
                + "onto the bus, every cycle recorded in H2. Ctrl-C (SIGINT) or SIGTERM drains and flushes.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "Run YAML: mode, speed, feed, strategies.")
    Path config;

    @Option(names = "--speed", description = "Replay speed-up over real time; 0 = as fast as the strategies keep up.")
    Double speed;

    @Option(names = "--api-port", defaultValue = "8081",
            description = "Serve the plugin API (stratagem plugins list|history|rollback --api) on 127.0.0.1 at this"
                    + " port; 0 = any free port, -1 = off. Default: ${DEFAULT-VALUE}.")
    int apiPort;

    @Option(names = "--live", description = "Allow mode: live. Also needs STRATAGEM_LIVE_TRADING=I_UNDERSTAND.")
    boolean live;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting (top layer), e.g. --set risk.var.maxFraction=0.02. See sdk-docs/configuration.md.")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Mixin
    PluginsOption plugins = new PluginsOption();

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Mixin
    ConsoleOption console = new ConsoleOption();

    @Option(names = "--no-console", description = "Do not serve the console; exit when the feed ends.")
    boolean noConsole;

    @Override
    public Integer call() throws Exception {
        RunConfig runConfig = RunConfig.load(config).withSpeed(speed);
        // The console first: its database work is done before the kernel starts recording cycles.
        ConsoleLauncher launcher = null;
        if (!noConsole) {
            try {
                launcher = ConsoleLauncher.start(console.options(), database.database(), plugins.plugins(), System.out);
            } catch (Exception e) {
                // a trading run does not stop because its console could not bind
                System.err.println("warning: console not served: " + e.getMessage());
            }
        }
        Kernel kernel = Kernel.start(config, runConfig, plugins.plugins(), database.database(),
                new KernelOptions(System.getenv(), settings, live));
        if (apiPort >= 0) {
            var server = PluginRoutes.serve(kernel.vertx(), kernel.plugins(), apiPort).await(30, TimeUnit.SECONDS);
            System.out.printf("plugin API on http://127.0.0.1:%d/api/plugins%n", server.actualPort());
        }
        Thread hook = new Thread(() -> kernel.shutdown("signal"), "stratagem-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long bars = kernel.feedFinished().toCompletionStage().toCompletableFuture().get(365, TimeUnit.DAYS);
        kernel.shutdown("feed finished"); // after a signal: waits for the hook's shutdown to finish
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0; // the hook drained and recorded the runs; the JVM is on its way out
        }
        System.out.printf("feed finished after %d bar closes; %d cycles recorded in %s.mv.db%n", bars, kernel.recorded(),
                database.database());
        if (launcher != null) {
            launcher.serveUntilSignal(System.out);
        }
        return 0;
    }
}
