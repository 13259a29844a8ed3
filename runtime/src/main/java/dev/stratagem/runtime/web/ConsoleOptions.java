package dev.stratagem.runtime.web;

/**
 * Where and how the console listens.
 *
 * @param host the interface to bind; {@value #DEFAULT_HOST} unless the operator opens it up
 * @param port the TCP port, {@code 0} for any free one
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 */
public record ConsoleOptions(String host, int port, int maxBodyBytes) {

    /** Loopback only, by default. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default body limit: control requests are tiny. */
    public static final int DEFAULT_MAX_BODY = 16 * 1024;

    /** Validates the values. */
    public ConsoleOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("console host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("console port must be 0..65535, was " + port);
        }
        if (maxBodyBytes < 256) {
            throw new IllegalArgumentException("console body limit must be >= 256 bytes, was " + maxBodyBytes);
        }
    }

    /**
     * @param port the port
     * @return loopback on that port with the default body limit
     */
    public static ConsoleOptions loopback(int port) {
        return new ConsoleOptions(DEFAULT_HOST, port, DEFAULT_MAX_BODY);
    }
}
