package dev.stratagem.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** How the console and the ops endpoint read and check an {@code Authorization: Bearer <token>} header. */
public final class BearerTokens {

    private BearerTokens() {}

    /**
     * @param authorization the request's {@code Authorization} header, may be {@code null}
     * @return the token it presents (the scheme's case does not matter, as RFC 9110 says), or {@code null}
     */
    public static String presented(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    /**
     * @param expected the configured token
     * @param presented a token from a request, may be {@code null}
     * @return whether they are the same, in time that does not depend on where they differ
     */
    public static boolean same(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
