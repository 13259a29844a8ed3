package dev.stratagem.api;

import java.util.Objects;

/**
 * Why a cycle failed.
 *
 * @param step the step that failed
 * @param reason what went wrong, including the component that broke its contract
 * @param exceptionType the class name of the exception, empty if the failure was a bad return value
 */
public record CycleError(CycleStep step, String reason, String exceptionType) {

    /** Validates the fields. */
    public CycleError {
        Objects.requireNonNull(step, "step");
        Checks.nonBlank(reason, "reason");
        exceptionType = exceptionType == null ? "" : exceptionType;
    }
}
