package dev.stratagem.api;

/**
 * The exact version of a component a cycle ran.
 *
 * @param role the role the component plays ({@code features}, {@code composer}, {@code gateway}, ...)
 * @param componentId the component id
 * @param source where it came from: the plugin id, or {@code builtin}
 * @param version the plugin version
 * @param sha256 the first 12 hex digits of the SHA-256 of the jar (or script source), empty for built-ins
 */
public record ComponentVersion(String role, String componentId, String source, String version, String sha256) {

    /** Validates the fields. */
    public ComponentVersion {
        Checks.nonBlank(role, "role");
        Checks.nonBlank(componentId, "componentId");
        Checks.nonBlank(source, "source");
        Checks.nonBlank(version, "version");
        sha256 = sha256 == null ? "" : sha256;
    }
}
