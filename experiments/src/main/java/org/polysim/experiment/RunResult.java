package org.polysim.experiment;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run measured: per metric, statistics over the ticks in which it had a value.
 *
 * @param index   the run's {@link RunSpec#index()}
 * @param metrics metric name to its statistics, sorted by name
 */
public record RunResult(int index, Map<String, MetricStats> metrics) implements Serializable {

    public RunResult {
        if (index < 0) {
            throw new IllegalArgumentException("index counts from 0, got " + index);
        }
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /**
     * One metric over one run.
     *
     * @param last     its value at the run's final tick; NaN when it had none there (a run whose count stopped being
     *                 recorded is missing, never its last earlier value)
     * @param lastTime the time of its last value, whether or not that is the final tick
     * @param count    ticks with a value
     */
    public record MetricStats(double last, double lastTime, double mean, double min, double max, double total,
                              long count)
            implements Serializable {

        public MetricStats {
            if (count < 1) {
                throw new IllegalArgumentException("a metric in a run has at least one value, got count " + count);
            }
        }
    }
}
