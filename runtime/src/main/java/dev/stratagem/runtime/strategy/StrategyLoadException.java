package dev.stratagem.runtime.strategy;

/** A strategy that cannot start: a missing component, bad parameters, or components that do not fit. */
public final class StrategyLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StrategyLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
