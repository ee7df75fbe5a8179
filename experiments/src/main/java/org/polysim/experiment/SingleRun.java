package org.polysim.experiment;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.polysim.engine.MetricView;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFileException;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Runs one {@link RunSpec}: its own world, built from the definition with the run's params and seed. */
public final class SingleRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SingleRun() {}

    /**
     * @param definition the experiment's self-contained world definition as JSON
     * @param measure    metrics to keep, or empty for all
     * @throws RunFailedException when a script fails; the message names the run, its params and seed
     */
    public static RunResult run(String definition, long steps, List<String> measure, RunSpec spec) {
        ObjectNode tree = (ObjectNode) JSON.readTree(definition);
        ObjectNode world = WorldFiles.definition(tree);
        world.put("name", world.path("name").asString("world") + "-run-" + spec.index());
        world.put("seed", spec.seed());
        world.set("params", JSON.readTree(spec.params()));
        try (World w = World.create(tree, null, null)) {
            w.advance(steps);
            Map<String, RunResult.MetricStats> metrics = new TreeMap<>();
            for (String name : measure.isEmpty() ? w.metricNames() : measure) {
                w.metric(name).filter(m -> m.count() > 0).ifPresent(m -> metrics.put(name, stats(m, w.time())));
            }
            return new RunResult(spec.index(), metrics);
        } catch (SimulationException | WorldFileException e) {
            throw new RunFailedException("run " + spec.index() + " (grid point " + spec.point() + ", replication "
                    + spec.replication() + ", seed " + spec.seed() + ", params " + spec.params() + ") failed: "
                    + e.getMessage());
        }
    }

    private static RunResult.MetricStats stats(MetricView m, double finalTime) {
        return new RunResult.MetricStats(m.lastIsCurrent(finalTime) ? m.last() : Double.NaN, m.lastTime(), m.mean(),
                m.min(), m.max(), m.total(), m.count());
    }
}
