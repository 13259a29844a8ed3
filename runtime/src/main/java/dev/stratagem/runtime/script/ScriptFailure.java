package dev.stratagem.runtime.script;

/**
 * A script call that failed: a guest exception, a bad return value, or a call interrupted past its time
 * budget. The message starts with {@code file:line:column} when the script's source location is known,
 * and is what the cycle records as its error reason.
 */
public final class ScriptFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;
    /** The role of a call that was abandoned, {@code null} for any other failure. */
    private final transient ScriptRole abandonedIn;
    /** For an abandoned call, the message without what happens next. */
    private final transient String stuck;

    ScriptFailure(String message, boolean timedOut) {
        this(message, timedOut, null, null);
    }

    private ScriptFailure(String message, boolean timedOut, ScriptRole abandonedIn, String stuck) {
        super(message, null, false, false);
        this.timedOut = timedOut;
        this.abandonedIn = abandonedIn;
        this.stuck = stuck;
    }

    /**
     * A call that ignored its interrupt past the grace and was left behind on its thread (see ScriptSupervisor).
     *
     * @param stuck which call, how long it ran and that it was left behind
     * @param then what happens next as a rule (a new version refused at its swap says otherwise)
     */
    static ScriptFailure abandoned(String stuck, String then, ScriptRole role) {
        return new ScriptFailure(stuck + "; " + then, true, role, stuck);
    }

    /** @return whether the watchdog interrupted the call */
    public boolean timedOut() {
        return timedOut;
    }

    /** @return whether the call could not be stopped and was left behind, its context discarded */
    public boolean abandoned() {
        return abandonedIn != null;
    }

    /** @return the role of the abandoned call, {@code null} if it was not abandoned */
    ScriptRole abandonedIn() {
        return abandonedIn;
    }

    /** @return for an abandoned call, which call was left behind and why, without what happens next; else the message */
    String stuck() {
        return stuck != null ? stuck : getMessage();
    }
}
