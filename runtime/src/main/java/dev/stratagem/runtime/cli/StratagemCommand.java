package dev.stratagem.runtime.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code stratagem} command. */
@Command(name = "stratagem",
        mixinStandardHelpOptions = true,
        version = "stratagem 0.1.0",
        description = "A pluggable strategy runtime for algorithmic trading.",
        subcommands = {
            DemoCommand.class,
            BacktestCommand.class,
            RunCommand.class,
            ConsoleCommand.class,
            HistoryCommand.class,
            PluginsCommand.class,
            KillSwitchCommand.class,
            RiskCommand.class,
            CommandLine.HelpCommand.class
        })
public final class StratagemCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line, with error handling that prints one clear line instead of a stack trace */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new StratagemCommand());
        cli.registerConverter(LocalDate.class, StratagemCommand::date);
        cli.setParameterExceptionHandler((e, args) -> {
            // the error and where to read more, not the whole usage, which would bury the error
            CommandLine command = e.getCommandLine();
            command.getErr().println("error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());   // "Did you mean: ..."
            command.getErr().println("usage: " + command.getCommandSpec().qualifiedName() + " --help");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + message(e));
            if (Boolean.getBoolean("stratagem.debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            return 2;
        });
        return cli;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.toString() : message;
    }
}
