package dev.stratagem.plugins.testing.reload;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.DecisionComposer;
import java.util.Map;
import org.pf4j.Extension;

/**
 * reload-probe 3.0.0: buys 10 ORCL when flat and says which version decided and how many times this
 * strategy's composer has run, a count it hands over through {@link #snapshot()} across reloads.
 */
@Extension
public final class ReloadProbeV3Composer implements DecisionComposer {

    private static final String SYMBOL = "ORCL";
    private long composes;

    @Override
    public String id() {
        return "reload-probe";
    }

    @Override
    public ComposeResult compose(ComposeContext context) {
        throw new IllegalStateException("reload-probe 3.0.0 is broken on purpose");
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
