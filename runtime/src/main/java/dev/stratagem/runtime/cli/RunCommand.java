package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.kernel.Kernel;
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

    @Option(names = "--live", description = "Allow mode: live. Also needs STRATAGEM_LIVE_TRADING=I_UNDERSTAND.")
    boolean live;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting (top layer), e.g. --set risk.var.maxFraction=0.02. See sdk-docs/configuration.md.")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Mixin
    PluginsOption plugins = new PluginsOption();

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Override
    public Integer call() throws Exception {
        RunConfig runConfig = RunConfig.load(config).withSpeed(speed);
        Kernel kernel = Kernel.start(config, runConfig, plugins.plugins(), database.database(),
                new KernelOptions(System.getenv(), settings, live));
        Thread hook = new Thread(() -> kernel.shutdown("signal"), "stratagem-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long bars = kernel.feedFinished().toCompletionStage().toCompletableFuture().get(365, TimeUnit.DAYS);
        kernel.shutdown("feed finished");
        Runtime.getRuntime().removeShutdownHook(hook);
        System.out.printf("feed finished after %d bar closes; %d cycles recorded in %s.mv.db%n", bars, kernel.recorded(),
                database.database());
        return 0;
    }
}
