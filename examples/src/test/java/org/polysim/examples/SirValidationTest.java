package org.polysim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.polysim.engine.MetricView;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SIR example against theory: in a large well-mixed population the final size R of an epidemic that takes off
 * solves R = 1 - exp(-R0 R) (Kermack-McKendrick), whatever the infectious period. Each language's script is run at
 * N = 2000 with a one-tick infectious period (gamma = 1, so R0 = contacts x beta and runs are short) over seeds
 * 1, 2, ... until the mean final size is known to within 3 standard errors of at most {@link #RESOLUTION}; the
 * tolerance is those 3 standard errors, so it follows from the runs, not from a hand-tuned constant.
 */
class SirValidationTest {

    private static final Path SIR = Path.of("").toAbsolutePath().resolve("sir-epidemic");
    private static final int N = 2000;
    private static final int INFECTED = 5;
    private static final int CONTACTS = 4;
    /** Stop adding runs once 3 standard errors of the mean are at most this; the issue asks for 0.02. */
    private static final double RESOLUTION = 0.015;
    private static final int MIN_RUNS = 5;
    private static final int MAX_RUNS = 60;
    /** A run "takes off" when more than this share of the population is ever infected. */
    private static final double TAKE_OFF = 0.1;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"world.yaml", "world-js.yaml", "world-python.yaml"})
    void finalSizesMatchKermackMcKendrick(String file) throws Exception {
        for (double r0 : new double[] {1.5, 2.0, 3.0}) {
            double expected = kermackMcKendrick(r0);
            List<Double> sizes = new ArrayList<>();
            for (int seed = 1; seed <= MAX_RUNS; seed++) {
                double size = finalSize(file, r0, seed);
                if (size > TAKE_OFF) {
                    sizes.add(size);
                }
                if (sizes.size() >= MIN_RUNS && 3 * standardError(sizes) <= RESOLUTION) {
                    break;
                }
            }
            double mean = sizes.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double tolerance = 3 * standardError(sizes);
            System.out.printf("%s R0=%.1f: mean final size %.4f over %d runs that took off, theory %.4f, "
                    + "tolerance %.4f%n", file, r0, mean, sizes.size(), expected, tolerance);
            assertThat(tolerance).as("runs enough to resolve 0.02 at R0 = %s", r0).isLessThanOrEqualTo(0.02);
            assertThat(Math.abs(mean - expected)).as("R0 = %s: mean %s vs theory %s", r0, mean, expected)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    /** R = 1 - exp(-R0 R), the positive root, by fixed-point iteration. */
    static double kermackMcKendrick(double r0) {
        double r = 1;
        for (int i = 0; i < 10_000; i++) {
            r = 1 - Math.exp(-r0 * r);
        }
        return r;
    }

    private static double finalSize(String file, double r0, int seed) throws Exception {
        ObjectNode world = (ObjectNode) WorldFiles.read(SIR.resolve(file));
        world.put("name", "sir-" + seed).put("seed", seed);
        world.putObject("params").put("beta", r0 / CONTACTS).put("contacts", CONTACTS).put("gamma", 1.0);
        // the statistics are under test, not the budgets: a loaded machine once paused a call past the 2 s default
        world.putObject("limits").put("wall_ms", 60_000);
        ((ObjectNode) world.get("entities").get(0)).put("count", N - INFECTED);
        ((ObjectNode) world.get("entities").get(1)).put("count", INFECTED);
        try (World w = World.create(world, SIR, null)) {
            for (int t = 0; t < 1000; t += 10) {
                w.advance(10);
                if (w.metric("infected").orElseThrow().last() == 0) {
                    break;
                }
            }
            MetricView recovered = w.metric("recovered").orElseThrow();
            return recovered.last() / N;
        }
    }

    private static double standardError(List<Double> xs) {
        int n = xs.size();
        if (n < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(ss / (n - 1) / n);
    }
}
