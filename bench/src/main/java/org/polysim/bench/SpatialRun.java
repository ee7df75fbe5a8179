package org.polysim.bench;

import java.nio.file.Path;
import java.util.Map;
import org.polysim.engine.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One spatial case ({@link SpatialModel}) in a fresh JVM, as {@link CaseRun} is for the ticks workloads. The model
 * changes as it runs (Schelling settles, WolfSheep's populations swing), so instead of ticks in blocks it times
 * whole runs, as the ABMFrameworksComparison does: each run creates a fresh world with its own seed (timed apart,
 * {@code setup_ms}) and advances it the model's declared steps ({@code block_ms}, one entry per run). The warm-up
 * runs are the same, timed as one block. Prints {@code RESULT <json>} in the native programs' protocol
 * ({@code bench/native/spatial.*}), the check values averaged over the timed runs.
 *
 * <p>usage: {@code SpatialRun LANGUAGE MODEL SIZE WARMUP_RUNS RUNS SCRIPTS_DIR}
 */
public final class SpatialRun {

    private SpatialRun() {}

    public static void main(String[] args) throws Exception {
        try {
            measure(args);
        } catch (Exception e) { // one line on stdout, which the harness puts in the report as the case's failure
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
        System.exit(0); // Graal's compiler threads need not finish their queue
    }

    private static void measure(String[] args) throws Exception {
        String language = args[0];
        SpatialModel model = SpatialModel.ofOrNull(args[1]);
        String size = args[2];
        int warmupRuns = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        Path scripts = Path.of(args[5]);

        ObjectNode out = Workload.JSON.createObjectNode();
        out.put("language", language).put("workload", model.id()).put("size", size).put("steps", model.steps)
                .put("agents", model.agents(size, scripts));
        double warm = 0;
        long seed = 42;
        for (int r = 0; r < warmupRuns; r++) {
            Run run = run(model, language, size, scripts, seed++);
            warm += run.setupMs + run.stepsMs;
        }
        out.put("warmup_ms", warm);
        ArrayNode blocks = out.putArray("block_ms");
        ArrayNode setups = out.putArray("setup_ms");
        ObjectNode check = out.putObject("check");
        for (int r = 0; r < runs; r++) {
            Run run = run(model, language, size, scripts, seed++);
            blocks.add(run.stepsMs);
            setups.add(run.setupMs);
            for (Map.Entry<String, JsonNode> c : run.check.properties()) {
                check.put(c.getKey(), check.path(c.getKey()).asDouble(0) + c.getValue().asDouble() / runs);
            }
        }
        System.out.println("RESULT " + out);
    }

    private record Run(double setupMs, double stepsMs, ObjectNode check) {}

    private static Run run(SpatialModel model, String language, String size, Path scripts, long seed)
            throws Exception {
        long t = System.nanoTime();
        try (World world = World.create(model.world(language, size, scripts, seed), null, "w")) {
            double setup = ms(t);
            t = System.nanoTime();
            world.advance(model.steps);
            double steps = ms(t);
            return new Run(setup, steps, model.check(world));
        }
    }

    private static double ms(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e4) / 100.0;
    }
}
