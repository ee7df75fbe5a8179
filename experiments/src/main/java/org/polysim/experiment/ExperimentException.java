package org.polysim.experiment;

/**
 * An experiment cannot run as written. {@link #field()} names the place ({@code vary.beta}, {@code world},
 * {@code measure}); the message says what to change. Raised before any run starts, except for a measured metric that
 * the first run did not record (see {@link Sweep}).
 */
public final class ExperimentException extends RuntimeException {

    private final String field;

    public ExperimentException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
