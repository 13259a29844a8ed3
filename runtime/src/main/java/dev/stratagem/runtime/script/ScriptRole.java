package dev.stratagem.runtime.script;

import java.util.Locale;

/** The roles a script can play in a strategy, and the function each role must define. */
public enum ScriptRole {
    /** A features pipeline: {@code features(bar, out, api)}. */
    FEATURES("features", "features"),
    /** A decision composer: {@code compose(f, api)}. */
    COMPOSER("composer", "compose"),
    /** A guardrail: {@code check(api)}. */
    RISK("risk", "check");

    private final String recorded;
    private final String function;

    ScriptRole(String recorded, String function) {
        this.recorded = recorded;
        this.function = function;
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
