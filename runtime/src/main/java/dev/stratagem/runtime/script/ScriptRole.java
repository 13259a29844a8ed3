package dev.stratagem.runtime.script;

import dev.stratagem.api.CycleStep;
import java.util.Locale;

/** The roles a script can play in a strategy, and the function each role must define. */
public enum ScriptRole {
    /** A features pipeline: {@code features(bar, out, api)}. */
    FEATURES("features", "features", CycleStep.FEATURES),
    /** A decision composer: {@code compose(f, api)}. */
    COMPOSER("composer", "compose", CycleStep.DECISION),
    /** A guardrail: {@code check(api)}. */
    RISK("risk", "check", CycleStep.GUARDRAILS);

    private final String recorded;
    private final String function;
    private final CycleStep step;

    ScriptRole(String recorded, String function, CycleStep step) {
        this.recorded = recorded;
        this.function = function;
        this.step = step;
    }

    /** @return the cycle step whose component plays this role */
    CycleStep step() {
        return step;
    }

    /** @return the role as recorded with cycles and written in manifests */
    public String recorded() {
        return recorded;
    }

    /** @return the function a script playing this role must define */
    public String function() {
        return function;
    }

    static ScriptRole parse(String value, String where) {
        for (ScriptRole role : values()) {
            if (role.recorded.equals(value == null ? "" : value.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new ScriptException(where + ": unknown role '" + value + "'; roles: features, composer, risk");
    }
}
