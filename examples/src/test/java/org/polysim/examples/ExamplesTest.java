package org.polysim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.polysim.engine.MetricView;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;

/** Every example world runs with its fixed seed, deterministically, and shows what its README promises. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

    private static World load(String example) throws Exception {
        return World.load(EXAMPLES.resolve(example).resolve("world.yaml"));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRunsDeterministically() throws IOException {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            return dirs.filter(d -> Files.exists(d.resolve("world.yaml"))).sorted().toList().stream()
                    .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
                        assertThat(d.resolve("README.md")).exists();
                        World a = World.load(d.resolve("world.yaml"));
                        World b = World.load(d.resolve("world.yaml"));
                        a.advance(60);
                        b.advance(60);
                        assertThat(a.tick()).isEqualTo(60);
                        assertThat(a.metricNames()).isNotEmpty();
                        assertThat(WorldFiles.toJson(a.snapshot())).isEqualTo(WorldFiles.toJson(b.snapshot()));
                    }));
        }
    }

    @Test
    void boltzmannWealthConservesEveryCoinAtEveryTickWhileInequalityRises() throws Exception {
        World w = load("boltzmann-wealth");
        w.advance(200);
        MetricView total = w.metric("total_wealth").orElseThrow();
        assertThat(total.count()).isEqualTo(200);
        assertThat(total.values()).containsOnly(300.0);
        MetricView gini = w.metric("gini").orElseThrow();
        assertThat(gini.values()[0]).isZero();
        assertThat(gini.last()).isBetween(0.45, 0.75);
    }

    @Test
    void sirEpidemicKeepsThePopulationAndReachesTheExpectedSize() throws Exception {
        World w = load("sir-epidemic");
        w.advance(200);
        double[] s = w.metric("susceptible").orElseThrow().values();
        double[] i = w.metric("infected").orElseThrow().values();
        double[] r = w.metric("recovered").orElseThrow().values();
        for (int t = 0; t < s.length; t++) {
            assertThat(s[t] + i[t] + r[t]).as("tick %d", t + 1).isEqualTo(1000);
        }
        assertThat(i[i.length - 1]).isZero();
        // one run of R0 = 2 at N = 1000; Kermack-McKendrick gives 0.797, a single run scatters by a few percent
        assertThat(r[r.length - 1] / 1000).isBetween(0.70, 0.88);
        assertThat(w.metric("infected").orElseThrow().max()).isGreaterThan(50);
    }

    @Test
    void appleMarketPriceSettlesWhereDemandMeetsTheHarvest() throws Exception {
        World w = load("apple-market");
        w.advance(200);
        MetricView price = w.metric("price").orElseThrow();
        assertThat(price.min()).isGreaterThan(0.5);
        assertThat(price.max()).isLessThan(4.0);
        assertThat(w.metric("sold").orElseThrow().max()).isLessThanOrEqualTo(12 + 20); // harvest + kept stock
        assertThat(w.metric("sold").orElseThrow().mean()).isBetween(9.0, 12.0);
    }
}
