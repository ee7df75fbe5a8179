package org.polysim.experiment;

/**
 * A run of an experiment failed (a script error, a budget exceeded). Carries only its message, so it crosses from a
 * cluster member to the coordinator as it is; the sweep stops and reports it.
 */
public final class RunFailedException extends RuntimeException {

    public RunFailedException(String message) {
        super(message, null, false, false);
    }
}
