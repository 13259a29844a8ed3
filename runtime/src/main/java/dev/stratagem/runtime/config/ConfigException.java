package dev.stratagem.runtime.config;

/** A configuration file that cannot be used; the message names the file and the key. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming file and key
     * @param cause the parser's exception, or {@code null}
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
