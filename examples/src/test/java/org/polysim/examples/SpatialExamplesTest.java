package org.polysim.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.polysim.engine.MetricView;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The spatial examples show the behaviour their READMEs promise: properties of the models (segregation, persistence,
 * alignment, conservation, bounds), read through the public World API, not numbers copied from a run.
 */
class SpatialExamplesTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

    private static World load(String example) throws Exception {
        return Examples.load(EXAMPLES.resolve(example).resolve("world.yaml"));
    }

    /** The world file of an example as a tree, to build a purpose-made variant of it. */
    private static ObjectNode definition(String example) throws Exception {
        return (ObjectNode) WorldFiles.read(EXAMPLES.resolve(example).resolve("world.yaml"));
    }

    /** A metric's value at tick {@code t}: 0 when nothing was recorded then (metrics are sums). */
    private static double at(World w, String metric, long t) {
        MetricView m = w.metric(metric).orElse(null);
        if (m == null) {
            return 0;
        }
        for (int i = 0; i < m.times().length; i++) {
            if (m.times()[i] == t) {
                return m.values()[i];
            }
        }
        return 0;
    }

    private static double[] series(World w, String metric) {
        return w.metric(metric).orElseThrow().values();
    }

    private static double mean(double[] xs, int from, int to) {
        return Arrays.stream(xs, from, to).average().orElseThrow();
    }

    @Test
    void schellingSegregatesAndNearlyEveryoneIsHappyByStep20() throws Exception {
        try (World w = load("schelling")) {
            w.advance(20);
            double[] similar = series(w, "similar");
            double[] residents = series(w, "residents");
            double[] happy = series(w, "happy");
            double before = similar[0] / residents[0];
            double after = similar[19] / residents[19];
            assertThat(before).as("random placement: about half the neighbours alike").isBetween(0.4, 0.6);
            assertThat(after).as("segregation rises").isGreaterThan(before + 0.15);
            assertThat(happy[19] / residents[19]).as("nearly everyone happy by step 20").isGreaterThan(0.95);
            assertThat(Arrays.stream(w.occupancy()).max().orElseThrow()).as("capacity 1").isEqualTo(1);
            assertThat(w.positions()).hasSize(1000);
        }
    }

    @Test
    void wolvesAndSheepBothPersistAndEverySheepDiesOnce() throws Exception {
        try (World w = load("wolf-sheep")) {
            int sheep = w.entityIds("sheep").size();
            for (long t = 1; t <= 100; t++) {
                w.advance(1);
                int now = w.entityIds("sheep").size();
                // a sheep eaten twice, or eaten and starved, would break the count
                assertThat(now).as("tick %d: sheep = before + lambs - starved - eaten", t).isEqualTo(
                        sheep + (int) (at(w, "lambs", t) - at(w, "starved", t) - at(w, "eaten", t)));
                assertThat(now).as("sheep alive at tick %d", t).isPositive();
                assertThat(w.entityIds("wolf")).as("wolves alive at tick %d", t).isNotEmpty();
                sheep = now;
            }
            assertThat(w.metric("eaten").orElseThrow().total()).as("wolves do eat").isPositive();
            assertThat(Arrays.stream(w.layerValues("grass")).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            assertThat(Arrays.stream(w.layerValues("grass")).max().orElseThrow()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void flockingPolarisationRisesAndBirdsStayInTheTorus() throws Exception {
        try (World w = load("flocking")) {
            w.advance(80);
            double[] polarisation = series(w, "polarisation");
            assertThat(mean(polarisation, 0, 5)).as("random headings").isLessThan(0.2);
            assertThat(mean(polarisation, 70, 80)).as("birds line up").isGreaterThan(mean(polarisation, 0, 5) + 0.1);
            assertThat(w.positions()).hasSize(200).allSatisfy(p -> {
                assertThat(p.x()).isGreaterThanOrEqualTo(0).isLessThan(100);
                assertThat(p.y()).isGreaterThanOrEqualTo(0).isLessThan(100);
            });
        }
    }

    @Test
    void boids3dHaveZStayInTheTorusAndAlign() throws Exception {
        try (World w = load("boids-3d")) {
            assertThat(w.space().orElseThrow().threeD()).isTrue();
            w.advance(80);
            List<World.Placed> birds = w.positions();
            assertThat(birds).hasSize(150).allSatisfy(p -> {
                for (double c : new double[] {p.x(), p.y(), p.z()}) {
                    assertThat(c).isGreaterThanOrEqualTo(0).isLessThan(30);
                }
            });
            // the birds use the depth: z is spread, not one plane (uniform on [0, 30) has sd 8.7)
            assertThat(birds.stream().mapToDouble(World.Placed::z).distinct().count()).isEqualTo(150);
            assertThat(w.metric("spread_z").orElseThrow().min()).isGreaterThan(5);
            double[] polarisation = series(w, "polarisation");
            assertThat(mean(polarisation, 70, 80)).isGreaterThan(mean(polarisation, 0, 5) + 0.1);
            ObjectNode bird = w.entityState(birds.get(0).id()).orElseThrow();
            assertThat(bird.get("v")).as("a 3D velocity").hasSize(3);
        }
    }

    /** A small world of its own: a lump of pheromone in a corner spreads, and diffusion alone loses none of it. */
    @Test
    void diffusionConservesThePheromoneOnBoundedAndWrappedGrids() throws Exception {
        for (boolean torus : new boolean[] {false, true}) {
            ObjectNode d = definition("ants");
            d.put("name", "diffusion-" + torus);
            ((ObjectNode) d.get("space")).put("width", 9).put("height", 7).put("torus", torus);
            ObjectNode layers = d.putObject("layers");
            layers.putObject("pheromone").put("diffuse", 0.5);
            layers.putObject("fading").put("diffuse", 0.5).put("evaporate", 0.1);
            ObjectNode scripts = d.putObject("scripts");
            scripts.putObject("dropper").put("language", "lua").put("source", """
                    function init(e) e.put("pheromone", 100); e.put("fading", 100) end
                    function update(e, inbox) end
                    """);
            ArrayNode entities = d.putArray("entities");
            entities.addObject().put("script", "dropper").putArray("at").add(0).add(0);
            try (World w = World.create(d, EXAMPLES, null)) {
                for (int t = 1; t <= 10; t++) {
                    w.advance(1);
                    double[] p = w.layerValues("pheromone");
                    assertThat(Arrays.stream(p).sum()).as("torus %s, tick %d", torus, t).isCloseTo(100, within(1e-9));
                    assertThat(Arrays.stream(w.layerValues("fading")).sum()).as("evaporation, tick %d", t)
                            .isCloseTo(100 * Math.pow(0.9, t), within(1e-9));
                }
                double[] p = w.layerValues("pheromone");
                assertThat(p[0]).as("the corner gave most of it away").isLessThan(50);
                assertThat(p[p.length - 1]).as("and it reached the far corner").isPositive();
            }
        }
    }

    @Test
    void antsBringTheFoodHomeNearestPileFirstAndNoFoodIsLost() throws Exception {
        try (World w = load("ants")) {
            double food = Arrays.stream(w.layerValues("food")).sum();
            assertThat(food).isPositive();
            w.advance(300);
            double onGround = Arrays.stream(w.layerValues("food")).sum();
            long carried = w.entityIds("ant").stream()
                    .filter(a -> w.entityState(a).orElseThrow().get("carrying").asBoolean()).count();
            double delivered = w.metric("delivered").orElseThrow().total();
            assertThat(onGround + carried + delivered).as("food on the ground, carried or home").isEqualTo(food);
            assertThat(delivered).as("most of it is home").isGreaterThan(food / 2);
            assertThat(emptiedAt(w, "pile_near")).as("the nearest pile empties before the farthest")
                    .isLessThan(emptiedAt(w, "pile_far"));
            assertThat(Arrays.stream(w.layerValues("pheromone")).sum()).as("trails were laid").isPositive();
        }
    }

    /** The first tick a pile metric is 0, or a tick after the run. */
    private static double emptiedAt(World w, String pile) {
        MetricView m = w.metric(pile).orElseThrow();
        for (int i = 0; i < m.values().length; i++) {
            if (m.values()[i] == 0) {
                return m.times()[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Without agents, sugar harvested once grows back to each cell's capacity and stops there, under the max. */
    @Test
    void sugarRegrowthStopsAtTheMax() throws Exception {
        ObjectNode d = definition("sugarscape");
        d.put("name", "sugarscape-harvest");
        ArrayNode entities = (ArrayNode) d.get("entities");
        entities.remove(1); // the agents; the landscape stays
        ((ObjectNode) d.get("scripts")).putObject("harvester").put("language", "lua").put("source", """
                function update(e, inbox)   -- at tick 1, takes every cell's sugar
                  if e.time ~= 1 then return end
                  for x = 0, e.params.size - 1 do
                    for y = 0, e.params.size - 1 do e.take("sugar", 4, x, y) end
                  end
                end
                """);
        entities.addObject().put("id", "harvester").put("script", "harvester").put("at", "none");
        try (World w = World.create(d, EXAMPLES, null)) {
            double max = w.layers().get("sugar").max();
            double[] capacity = w.layerValues("capacity");
            double full = Arrays.stream(capacity).sum();
            assertThat(w.layerValues("sugar")).as("the land starts full").containsExactly(capacity);
            w.advance(12);
            double[] grown = w.layerValues("sugar");
            w.advance(1);
            assertThat(w.layerValues("sugar")).as("regrowth has stopped").containsExactly(grown);
            assertThat(Arrays.stream(grown).max().orElseThrow()).isLessThanOrEqualTo(max);
            double[] onGrid = series(w, "sugar_on_grid");
            assertThat(onGrid[1]).as("harvested at tick 1").isLessThan(full);
            assertThat(Arrays.copyOfRange(onGrid, 5, onGrid.length)).as("back to capacity, no further")
                    .containsOnly(full);
        }
    }

    @Test
    void sugarscapeSelectsForLowMetabolism() throws Exception {
        try (World w = load("sugarscape")) {
            w.advance(30);
            double[] population = series(w, "population");
            double[] metabolism = series(w, "metabolism");
            int last = population.length - 1;
            assertThat(population[last]).as("some starve").isLessThan(population[0]);
            assertThat(metabolism[last] / population[last]).as("the hungry ones die first")
                    .isLessThan(metabolism[0] / population[0]);
            double[] sugar = w.layerValues("sugar");
            double[] capacity = w.layerValues("capacity");
            for (int c = 0; c < sugar.length; c++) {
                // between ticks a cell holds at most one tick's regrowth above its capacity, never above max
                assertThat(sugar[c]).isLessThanOrEqualTo(Math.min(4, capacity[c] + 1));
            }
            assertThat(Arrays.stream(w.occupancy()).max().orElseThrow()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void rescueNeverCountsAVictimTwiceAndSavesMostOfThem() throws Exception {
        try (World w = load("rescue")) {
            int victims = w.entityIds("victim").size();
            for (int t = 1; t <= 150; t++) {
                w.advance(1);
                double rescued = w.metric("rescued").map(MetricView::total).orElse(0.0);
                double lost = w.metric("lost").map(MetricView::total).orElse(0.0);
                assertThat(rescued + lost + w.entityIds("victim").size()).as("tick %d", t).isEqualTo(victims);
            }
            double rescued = w.metric("rescued").orElseThrow().total();
            assertThat(rescued).isGreaterThan(w.metric("lost").map(MetricView::total).orElse(0.0));
            assertThat(w.metric("found").orElseThrow().last()).isGreaterThanOrEqualTo(rescued);
        }
    }
}
