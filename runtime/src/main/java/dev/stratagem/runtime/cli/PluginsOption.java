package dev.stratagem.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --plugins} option of every command that loads plugin jars. */
final class PluginsOption {

    @Option(names = "--plugins", description = "Plugin jar folder. Default: $STRATAGEM_HOME/plugins.")
    Path plugins;

    Path plugins() {
        return plugins == null ? Home.plugins() : plugins;
    }
}
