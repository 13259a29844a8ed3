package dev.stratagem.runtime.strategy;

/** A strategy that cannot start: a missing component, bad parameters, or components that do not fit. */
public final class StrategyLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StrategyLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param file the strategy file the strategy came from
     * @return this failure, said of that file (a parameter a plugin refuses otherwise names only the strategy id)
     */
    public StrategyLoadException in(java.nio.file.Path file) {
        return new StrategyLoadException(file + ": " + getMessage(), getCause() != null ? getCause() : this);
    }
}
