package org.polysim.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One world over a parameter grid with replications (DESIGN.md "Experiments"), checked and ready to run.
 *
 * @param name         names the output files and the runs' worlds
 * @param world        a self-contained world definition (no {@code file:} scripts left), its {@code params} already
 *                     holding the experiment's fixed {@code params}
 * @param steps        ticks each run advances
 * @param vary         param name to the values it takes, in file order; the grid is their Cartesian product
 * @param replications runs per grid point
 * @param seed         the experiment seed every run's seed derives from
 * @param measure      the metrics to tabulate, or empty for all that the runs record
 */
public record Experiment(String name, ObjectNode world, long steps, Map<String, List<JsonNode>> vary,
                         int replications, long seed, List<String> measure) {

    /** Most runs one experiment may have (grid points times replications). */
    public static final long MAX_RUNS = 1_000_000;

    public Experiment {
        if (name == null || name.isBlank()) {
            throw new ExperimentException("name", "must not be empty");
        }
        if (steps < 1) {
            throw new ExperimentException("steps", "must be at least 1, got " + steps);
        }
        if (replications < 1) {
            throw new ExperimentException("replications", "must be at least 1, got " + replications
                    + "; each grid point needs a run (10 or more give useful confidence intervals)");
        }
        vary.forEach((param, values) -> {
            if (values.isEmpty()) {
                throw new ExperimentException("vary." + param, "is an empty list; give at least one value");
            }
        });
        long runs = (long) replications;
        for (List<JsonNode> values : vary.values()) {
            runs *= values.size();
            if (runs > MAX_RUNS) {
                throw new ExperimentException("vary", "the grid times replications exceeds " + MAX_RUNS
                        + " runs; vary fewer values or run fewer replications");
            }
        }
        world = world.deepCopy();
        Map<String, List<JsonNode>> copy = new LinkedHashMap<>();
        vary.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        vary = java.util.Collections.unmodifiableMap(copy);
        measure = List.copyOf(measure);
    }

    /** The grid points, the first varied param outermost: each maps every varied param to its value there. */
    public List<Map<String, JsonNode>> points() {
        List<Map<String, JsonNode>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (var axis : vary.entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> p : points) {
                for (JsonNode v : axis.getValue()) {
                    Map<String, JsonNode> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points.stream().map(java.util.Collections::unmodifiableMap).toList();
    }

    /** Grid points times replications. */
    public int runCount() {
        return points().size() * replications;
    }
}
