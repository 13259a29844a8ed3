package dev.stratagem.runtime.script;

/**
 * What a script component is doing, for the console and the CLI.
 *
 * @param scriptId the script id
 * @param sha256 the source prefix of the version serving
 * @param paused whether it is paused after too many consecutive failures, or too many calls left running (a valid
 *     new version resumes it)
 * @param consecutiveFailures failed calls in a row
 * @param callsLeftRunning calls abandoned since the last swap (each left a thread behind; see {@link ScriptHealth})
 * @param lastError the last failure, empty if none
 * @param reloads versions swapped in since the start
 */
public record ScriptStatus(String scriptId, String sha256, boolean paused, int consecutiveFailures,
        int callsLeftRunning, String lastError, int reloads) {

    /**
     * @param maxFailures the limit of both counts
     * @return what paused it: {@code 3 consecutive failures}, or {@code 3 calls that could not be stopped and were left
     *     running}
     */
    String pausedAfter(int maxFailures) {
        return consecutiveFailures >= maxFailures ? consecutiveFailures + " consecutive failures"
                : callsLeftRunning + " calls that could not be stopped and were left running";
    }
}
