package org.polysim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.polysim.engine.MetricView;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;

/** Every example world runs with its fixed seed, deterministically, and shows what its README promises. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

    private static World load(String example) throws Exception {
        return Examples.load(EXAMPLES.resolve(example).resolve("world.yaml"));
    }

    /** Every {@code world*.yaml} in an example folder. */
    static List<Path> worldFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES, 2)) {
            return files.filter(f -> f.getFileName().toString().matches("world.*\\.yaml"))
                    .filter(f -> !f.startsWith(EXAMPLES.resolve("target"))).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRunsDeterministically() throws IOException {
        List<Path> files = worldFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        return files.stream().map(f -> DynamicTest.dynamicTest(EXAMPLES.relativize(f).toString(), () -> {
            assertThat(f.resolveSibling("README.md")).exists();
            World a = Examples.load(f);
            World b = Examples.load(f);
            a.advance(40);
            b.advance(40);
            assertThat(a.tick()).isEqualTo(40);
            assertThat(a.metricNames()).isNotEmpty();
            assertThat(WorldFiles.toJson(a.snapshot())).isEqualTo(WorldFiles.toJson(b.snapshot()));
        }));
    }

    @Test
    void theSirModelGivesIdenticalMetricsInLuaJavaScriptAndPython() throws Exception {
        World lua = Examples.load(EXAMPLES.resolve("sir-epidemic/world.yaml"));
        World js = Examples.load(EXAMPLES.resolve("sir-epidemic/world-js.yaml"));
        World python = Examples.load(EXAMPLES.resolve("sir-epidemic/world-python.yaml"));
        for (World w : List.of(lua, js, python)) {
            w.advance(40);
        }
        for (String metric : List.of("susceptible", "infected", "recovered")) {
            double[] expected = lua.metric(metric).orElseThrow().values();
            assertThat(js.metric(metric).orElseThrow().values()).as("js " + metric).containsExactly(expected);
            assertThat(python.metric(metric).orElseThrow().values()).as("python " + metric)
                    .containsExactly(expected);
        }
        assertThat(lua.metric("infected").orElseThrow().max()).isGreaterThan(20); // the epidemic took off
    }

    @Test
    void theAiEconomyConservesMoneyWhileAutomationTakesTheJobs() throws Exception {
        World w = load("ai-economy");
        w.advance(60);
        for (double total : w.metric("money_total").orElseThrow().values()) {
            assertThat(total).isCloseTo(1700.0, org.assertj.core.data.Offset.offset(1e-6));
        }
        double[] employment = w.metric("employment").orElseThrow().values();
        assertThat(employment[0]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(employment[employment.length - 1]).isZero();
        assertThat(w.metric("gini").orElseThrow().last()).isGreaterThan(0.5);
        assertThat(w.metric("output").orElseThrow().last()).isGreaterThan(2 * w.metric("output").orElseThrow()
                .values()[0]);
        assertThat(w.metric("dividends").orElseThrow().last()).isGreaterThan(w.metric("wage_bill").orElseThrow()
                .last());
    }

    @Test
    void theMixedMarketConservesCashAndGoodsAndResumesFromASnapshot(@TempDir Path dir) throws Exception {
        Path file = EXAMPLES.resolve("mixed-market/world.yaml");
        World whole = Examples.load(file);
        whole.advance(40);
        assertThat(whole.metric("cash_total").orElseThrow().values()).containsOnly(20000.0);
        assertThat(whole.metric("goods_total").orElseThrow().values()).containsOnly(200.0);
        assertThat(whole.metric("volume").orElseThrow().total()).isPositive();

        World half = Examples.load(file);
        half.advance(20);
        Path snap = dir.resolve("half.json");
        WorldFiles.write(half.snapshot(), snap);
        World resumed = Examples.load(snap);
        resumed.advance(20);
        assertThat(WorldFiles.toJson(resumed.snapshot())).isEqualTo(WorldFiles.toJson(whole.snapshot()));
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
