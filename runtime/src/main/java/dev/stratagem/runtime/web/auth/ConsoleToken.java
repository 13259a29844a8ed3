package dev.stratagem.runtime.web.auth;

import dev.stratagem.runtime.http.BearerTokens;
import java.nio.file.Path;

/**
 * The console's bearer token.
 *
 * @param value the secret
 * @param file where it is kept (owner-readable only)
 * @param created whether it was generated just now: then, and only then, it is shown to the operator
 */
public record ConsoleToken(String value, Path file, boolean created) {

    /**
     * @param presented a token from a request, may be {@code null}
     * @return whether it is this token (constant-time)
     */
    public boolean matches(String presented) {
        return BearerTokens.same(value, presented);
    }

    @Override
    public String toString() {
        return "ConsoleToken[file=" + file + ", created=" + created + "]";
    }
}
