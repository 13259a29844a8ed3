package dev.stratagem.runtime.plugin;

/** A strategy names a component no loaded plugin provides, or the component refused its parameters. */
public final class UnknownComponentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownComponentException(String message, Throwable cause) {
        super(message, cause);
    }
}
