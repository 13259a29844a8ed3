package dev.stratagem.runtime.script;

/**
 * A script call that failed: a guest exception, a bad return value, or a call interrupted past its time
 * budget. The message starts with {@code file:line:column} when the script's source location is known,
 * and is what the cycle records as its error reason.
 */
public final class ScriptFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    ScriptFailure(String message, boolean timedOut) {
        super(message, null, false, false);
        this.timedOut = timedOut;
    }

    /** @return whether the watchdog interrupted the call */
    public boolean timedOut() {
        return timedOut;
    }
}
