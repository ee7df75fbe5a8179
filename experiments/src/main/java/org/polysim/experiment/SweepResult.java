package org.polysim.experiment;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A completed sweep: every run in index order, the metrics tabulated, and the summary per grid point.
 *
 * @param metrics the measured metrics: {@code measure} as given, or every metric any run recorded, sorted
 */
public record SweepResult(Experiment experiment, List<RunSpec> runs, List<RunResult> results, List<String> metrics,
                          List<PointSummary> summaries) {

    public SweepResult {
        runs = List.copyOf(runs);
        results = List.copyOf(results);
        metrics = List.copyOf(metrics);
        summaries = List.copyOf(summaries);
        if (runs.size() != results.size()) {
            throw new IllegalArgumentException(runs.size() + " runs but " + results.size() + " results");
        }
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).index() != i || results.get(i).index() != i) {
                throw new IllegalArgumentException("runs and results must be in index order at " + i);
            }
        }
    }

    /**
     * One grid point over its replications: per metric, the statistics of each run's value at its final tick.
     *
     * @param params  the varied params at this point
     * @param missing per metric, how many of the point's runs had no value at their final tick (left out of the
     *                statistics, never counted as an earlier value)
     */
    public record PointSummary(int point, Map<String, JsonNode> params, Map<String, Statistics.Sample> metrics,
                               Map<String, Integer> missing) {
    }
}
