package org.polysim.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans an experiment's runs, has a {@link Backend} run them, and tabulates the results.
 *
 * <p>The first run goes alone: a metric in {@code measure} that it did not record is an error before the other runs
 * start (a metric is only known once scripts record it, so this is as early as a misspelt name can be caught).
 */
public final class Sweep {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Sweep() {}

    /**
     * The seed of one run: the engine's derivation ({@link World#derivedSeed}) from the experiment seed and a stream
     * named by the grid point's params (sorted by name, as JSON) and the replication. Naming the point by its values,
     * not its position, keeps every run's seed when values or replications are added to a sweep.
     */
    public static long seedOf(long experimentSeed, Map<String, JsonNode> point, int replication) {
        ObjectNode sorted = JSON.createObjectNode();
        new TreeMap<>(point).forEach(sorted::set);
        return World.derivedSeed(experimentSeed, "experiment " + JSON.writeValueAsString(sorted) + " replication "
                + replication);
    }

    /** Every run of the experiment, in table order: grid points in order, replications within each. */
    public static List<RunSpec> plan(Experiment e) {
        ObjectNode base = WorldFiles.definition(e.world()).get("params") instanceof ObjectNode p ? p
                : JSON.createObjectNode();
        List<RunSpec> runs = new ArrayList<>();
        List<Map<String, JsonNode>> points = e.points();
        for (int p = 0; p < points.size(); p++) {
            ObjectNode params = base.deepCopy();
            points.get(p).forEach(params::set);
            String json = JSON.writeValueAsString(params);
            for (int r = 0; r < e.replications(); r++) {
                runs.add(new RunSpec(runs.size(), p, r, seedOf(e.seed(), points.get(p), r), json));
            }
        }
        return runs;
    }

    /** Runs the experiment on {@code backend}. */
    public static SweepResult run(Experiment e, Backend backend, Backend.Progress progress)
            throws InterruptedException {
        List<RunSpec> runs = plan(e);
        String definition = JSON.writeValueAsString(e.world());
        RunResult[] results = new RunResult[runs.size()];
        // the first run keeps every metric, so a misspelt measured one is reported beside the names it recorded
        RunResult first = backend.run(new Backend.Batch(definition, e.steps(), List.of(), runs.subList(0, 1)),
                Backend.Progress.NONE).getFirst();
        checkMeasured(e, first);
        results[0] = measured(first, e.measure());
        progress.runDone(results[0]);
        for (RunResult r : backend.run(new Backend.Batch(definition, e.steps(), e.measure(),
                runs.subList(1, runs.size())), progress)) {
            results[r.index()] = r;
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                throw new IllegalStateException("run " + i + " has no result");
            }
        }
        List<String> metrics = e.measure().isEmpty() ? new ArrayList<>(allMetrics(results)) : e.measure();
        return new SweepResult(e, runs, Arrays.asList(results), metrics, summaries(e, runs, results, metrics));
    }

    private static void checkMeasured(Experiment e, RunResult first) {
        for (String m : e.measure()) {
            if (!first.metrics().containsKey(m)) {
                throw new ExperimentException("measure", "metric '" + m + "' was not recorded in the first run ("
                        + e.steps() + " ticks); it recorded " + (first.metrics().isEmpty() ? "no metrics"
                        : String.join(", ", first.metrics().keySet())) + ". Fix the name, or omit measure to "
                        + "tabulate every metric. No other run was started");
            }
        }
    }

    private static RunResult measured(RunResult r, List<String> measure) {
        if (measure.isEmpty()) {
            return r;
        }
        Map<String, RunResult.MetricStats> kept = new TreeMap<>(r.metrics());
        kept.keySet().retainAll(measure);
        return new RunResult(r.index(), kept);
    }

    private static TreeSet<String> allMetrics(RunResult[] results) {
        TreeSet<String> names = new TreeSet<>();
        for (RunResult r : results) {
            names.addAll(r.metrics().keySet());
        }
        return names;
    }

    private static List<SweepResult.PointSummary> summaries(Experiment e, List<RunSpec> runs, RunResult[] results,
                                                            List<String> metrics) {
        List<Map<String, JsonNode>> points = e.points();
        List<SweepResult.PointSummary> out = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            Map<String, Statistics.Sample> stats = new LinkedHashMap<>();
            Map<String, Integer> missing = new LinkedHashMap<>();
            for (String m : metrics) {
                List<Double> lasts = new ArrayList<>();
                int without = 0;
                for (RunSpec run : runs) {
                    if (run.point() == p) {
                        RunResult.MetricStats s = results[run.index()].metrics().get(m);
                        if (s != null && !Double.isNaN(s.last())) {
                            lasts.add(s.last());
                        } else {
                            without++;
                        }
                    }
                }
                stats.put(m, Statistics.of(lasts.stream().mapToDouble(Double::doubleValue).toArray()));
                missing.put(m, without);
            }
            out.add(new SweepResult.PointSummary(p, points.get(p), stats, missing));
        }
        return out;
    }
}
