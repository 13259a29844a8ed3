package dev.stratagem.runtime.script;

/**
 * What a script component is doing, for the console and the CLI.
 *
 * @param scriptId the script id
 * @param sha256 the source prefix of the version serving
 * @param paused whether it is paused after too many consecutive failures (a valid new version resumes it)
 * @param consecutiveFailures failed calls in a row
 * @param lastError the last failure, empty if none
 * @param reloads versions swapped in since the start
 */
public record ScriptStatus(String scriptId, String sha256, boolean paused, int consecutiveFailures, String lastError,
        int reloads) {}
