package dev.stratagem.runtime.script;

/** A script that cannot load: a bad manifest, a missing file, a syntax error (with file, line and column). */
public final class ScriptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ScriptException(String message) {
        super(message);
    }

    ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
