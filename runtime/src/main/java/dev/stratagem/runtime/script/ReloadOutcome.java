package dev.stratagem.runtime.script;

/**
 * The result of one attempt to reload a script: built and validated (it serves from the next cycle on), or
 * refused with the reason (the old version keeps running).
 *
 * @param scriptId the script id
 * @param accepted whether the new version was handed to the strategy
 * @param oldSha256 the source prefix of the version serving before
 * @param newSha256 the source prefix of the new version, empty if it could not be read
 * @param reason why it was refused (a syntax error names file, line and column), empty if accepted
 * @param replayed how many recorded cycle contexts the new version was validated against
 * @param buildNanos the time to build and validate it
 */
public record ReloadOutcome(String scriptId, boolean accepted, String oldSha256, String newSha256, String reason,
        int replayed, long buildNanos) {}
