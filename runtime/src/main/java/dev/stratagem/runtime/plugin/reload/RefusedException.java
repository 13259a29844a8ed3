package dev.stratagem.runtime.plugin.reload;

/** A new plugin version did not pass a check of the swap protocol; the message says which and why. */
final class RefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
        super(message, null, false, false);
    }
}
