package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.kernel.KernelOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

    @Option(names = "--no-console", description = "Do not serve the console (nor its plugin API); exit when the feed ends.")
    boolean noConsole;

    @Override
    public Integer call() throws Exception {
        RunConfig runConfig = RunConfig.load(config).withSpeed(speed);
        AtomicReference<ConsoleLauncher> launcher = new AtomicReference<>();
        // on the kernel's Vert.x, with its plugins and strategies live: stratagem plugins ..., the plugin page and
        // start / pause / stop act on this runtime while the feed runs; live cycles come off its bus. Up before the
        // first bar: a run whose control API cannot listen does not trade
        KernelOptions options = new KernelOptions(System.getenv(), settings, live).withBeforeFeed(noConsole ? k -> { }
                : k -> launcher.set(serveConsole(k)));
        Kernel kernel;
        try {
            kernel = Kernel.start(config, runConfig, plugins.plugins(), database.database(), options);
        } catch (RuntimeException e) {
            if (launcher.get() != null) {   // served, then the strategies did not start
                launcher.get().close();
            }
            throw e;
        }
        Thread hook = new Thread(() -> {
            kernel.shutdown("signal");
            ConsoleLauncher served = launcher.get();
            if (served != null) {
                served.close();
            }
        }, "stratagem-shutdown");
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
        if (launcher.get() != null) {
            // the kernel's Vert.x closed with the runtime: the history is served on, on a Vert.x of its own
            ConsoleLauncher after = launcher.get().afterRuntime(console.options(), database.database(),
                    plugins.plugins());
            after.serveUntilSignal(System.out);
        }
        return 0;
    }

    private ConsoleLauncher serveConsole(Kernel kernel) {
        try {
            return ConsoleLauncher.startOnRuntime(kernel, console.options(), database.database(), System.out);
        } catch (Exception e) {
            throw new IllegalStateException("the console cannot listen on " + console.options().host() + ":"
                    + console.options().port() + ": " + e.getMessage() + " (pass --console-port with a free port, or"
                    + " --no-console)", e);
        }
    }
}
