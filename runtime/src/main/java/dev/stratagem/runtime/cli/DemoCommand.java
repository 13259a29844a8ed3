package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.cycle.ComposeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratagem demo}: the SMA 10/30 crossover on bundled ORCL data, recorded in the embedded H2. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Backtest the built-in SMA 10/30 crossover on bundled real ORCL daily data (1995-2014), "
                + "record every cycle in the embedded H2 database, print the summary, then serve the console on it "
                + "until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-console", description = "Exit after the backtest instead of serving the console.")
    boolean noConsole;

    @Mixin
    ConsoleOption console = new ConsoleOption();

    static final String STRATEGY = "runtime/strategies/sma-crossover-orcl.yaml";
    static final String DATA = "runtime/data/orcl-1995-2014.txt";

    @Override
    public Integer call() throws Exception {
        Path root = Home.root();
        Path strategy = root.resolve(STRATEGY);
        Path data = root.resolve(DATA);
        if (!Files.exists(strategy) || !Files.exists(data)) {
            throw new IllegalStateException("demo files not found under " + root + " (expected " + STRATEGY + " and "
                    + DATA + "); run the demo through ./stratagem from the source tree");
        }
        BacktestResult result = BacktestRunner.run(new BacktestRequest(strategy, List.of(data), null, null, null,
                null, null, RecordLevel.ALL, false, Home.plugins(), Home.database()));
        ResultPrinter.print(result, false, true, spec.commandLine().getOut());
        System.out.println();
        System.out.println("Recorded every cycle in " + result.database() + ".mv.db");
        System.out.println("Look at it:  ./stratagem history runs");
        System.out.println("             ./stratagem history cycle " + new ComposeId(result.runId(), firstTradeCycle(result)));
        if (!noConsole) {
            System.out.println();
            ConsoleLauncher launcher = ConsoleLauncher.start(console.options(), Home.database(), Home.plugins(),
                    System.out);
            System.out.println("this run     " + launcher.url() + "run.html?run=" + result.runId());
            launcher.serveUntilSignal(System.out);
        }
        return 0;
    }

    private static long firstTradeCycle(BacktestResult result) {
        return result.trades().isEmpty() ? 1
                : Long.parseLong(result.trades().getFirst().entryInstructionId().replaceAll(".*-(\\d+)-\\d+$", "$1"));
    }
}
