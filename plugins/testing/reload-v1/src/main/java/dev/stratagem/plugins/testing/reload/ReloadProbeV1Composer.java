package dev.stratagem.plugins.testing.reload;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.TradeInstruction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.pf4j.Extension;

/**
 * reload-probe 1.0.0: buys 10 ORCL when flat and says which version decided and how many times this
 * strategy's composer has run, a count it hands over through {@link #snapshot()} across reloads. Closed, it
 * appends {@code 1.0.0 closed composes=<count> on <thread>} to the file the system property {@value #CLOSED_LOG}
 * names, if set: how a test sees that a swap closed the instance it replaced.
 */
@Extension
public final class ReloadProbeV1Composer implements DecisionComposer, AutoCloseable {

    /** The system property naming the file a closed instance reports to. */
    public static final String CLOSED_LOG = "stratagem.reloadProbe.closedLog";

    private static final String SYMBOL = "ORCL";
    private long composes;

    @Override
    public String id() {
        return "reload-probe";
    }

    @Override
    public ComposeResult compose(ComposeContext context) {
        composes++;
        double held = context.portfolio().quantity(SYMBOL);
        String why = "1.0.0 composes=" + composes + " held=" + held;
        return held == 0 ? ComposeResult.of(why, TradeInstruction.buy(SYMBOL, 10)) : ComposeResult.noop(why);
    }

    @Override
    public void close() {
        String log = System.getProperty(CLOSED_LOG);
        if (log == null) {
            return;
        }
        try {
            Files.writeString(Path.of(log), "1.0.0 closed composes=" + composes + " on "
                    + Thread.currentThread().getName() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of("composes", composes);
    }

    @Override
    public void restore(Map<String, Object> state) {
        if (state.get("composes") instanceof Number n) {
            composes = n.longValue();
        }
    }
}
