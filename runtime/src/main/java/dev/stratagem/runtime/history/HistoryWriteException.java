package dev.stratagem.runtime.history;

import java.io.Serial;

/** A history write failed; the cause says why. Thrown by {@link HistoryWriter#flush()} once a batch is lost. */
public final class HistoryWriteException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was not written
     * @param cause why
     */
    public HistoryWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
