package dev.stratagem.runtime.plugin;

/** A strategy names a component no loaded plugin provides, or the component refused its parameters. */
public final class UnknownComponentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing or wrong
     * @param cause the underlying failure, or {@code null}
     */
    public UnknownComponentException(String message, Throwable cause) {
        super(message, cause);
    }
}
