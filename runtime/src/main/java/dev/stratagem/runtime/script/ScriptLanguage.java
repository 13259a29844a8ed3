package dev.stratagem.runtime.script;

import java.util.Locale;

/** The languages a script may be written in, with their GraalVM language ids. */
public enum ScriptLanguage {
    /** JavaScript (GraalJS). */
    JS("js"),
    /** Python 3 (GraalPy). */
    PYTHON("python");

    private final String graalId;

    ScriptLanguage(String graalId) {
        this.graalId = graalId;
    }

    /** @return the GraalVM language id */
    public String graalId() {
        return graalId;
    }

    static ScriptLanguage parse(String value, String where) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "js", "javascript" -> JS;
            case "python", "py" -> PYTHON;
            default -> throw new ScriptException(where + ": language must be js or python, was '" + value + "'");
        };
    }
}
