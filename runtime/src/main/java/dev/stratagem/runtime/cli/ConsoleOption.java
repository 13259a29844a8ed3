package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.web.ConsoleOptions;
import picocli.CommandLine.Option;

/** The console options of every command that serves it. */
final class ConsoleOption {

    @Option(names = "--console-host", defaultValue = ConsoleOptions.DEFAULT_HOST,
            description = "Interface the console binds. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--console-port", defaultValue = "8080", description = "Console port. Default: ${DEFAULT-VALUE}.")
    int port;

    ConsoleOptions options() {
        return new ConsoleOptions(host, port, ConsoleOptions.DEFAULT_MAX_BODY);
    }
}
