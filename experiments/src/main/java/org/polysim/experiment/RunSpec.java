package org.polysim.experiment;

import java.io.Serializable;

/**
 * One run of an experiment, as sent to whichever thread or machine runs it.
 *
 * @param index       position in the runs table: {@code point * replications + replication}
 * @param point       grid point, counted from 0 in {@link Experiment#points()} order
 * @param replication counted from 0
 * @param seed        the run's world seed ({@link Sweep#seedOf})
 * @param params      the run's whole params object as JSON: the world's, the experiment's fixed ones and the point's
 */
public record RunSpec(int index, int point, int replication, long seed, String params) implements Serializable {

    public RunSpec {
        if (index < 0 || point < 0 || replication < 0) {
            throw new IllegalArgumentException("index, point and replication count from 0, got " + index + ", "
                    + point + ", " + replication);
        }
        if (params == null || !params.startsWith("{")) {
            throw new IllegalArgumentException("params must be a JSON object, got " + params);
        }
    }
}
