package org.polysim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.polysim.engine.NetworkView;
import org.polysim.engine.World;

/**
 * {@code supply-network} (JavaScript firms, Python households, trading along links the households make and remake)
 * does what its README says, with its fixed seed over 200 ticks:
 * <ul>
 *   <li>money is conserved exactly at every tick (whole cents, counted in cash or in the mail);</li>
 *   <li>every unit sold reaches a household;</li>
 *   <li>every household stays linked to a firm at every tick ({@code unlinked} is 0), and, looked at every 10 ticks,
 *       to at most {@code links + 1}, with every link joining a household and a firm;</li>
 *   <li>prices scattered over 1 to 6 dollars at the start converge: from tick 100 on every firm's price stays within
 *       20% of the firms' mean at that tick;</li>
 *   <li>the market nearly clears: from tick 100 on the units ordered average within 10% of the units made, and at
 *       least 80% of what is made is sold.</li>
 * </ul>
 */
class SupplyNetworkTest {

    private static final Path FILE = Path.of("").toAbsolutePath().resolve("supply-network/world.yaml");
    private static final int TICKS = 200;
    private static final int SETTLED = 100;

    private static double[] prices(World w, List<String> firms) {
        return firms.stream().mapToDouble(f -> w.entityState(f).orElseThrow().path("price").asDouble()).toArray();
    }

    private static double spread(double[] prices) {
        double mean = Arrays.stream(prices).average().orElseThrow();
        return Arrays.stream(prices).map(p -> Math.abs(p / mean - 1)).max().orElseThrow();
    }

    @Test
    void moneyIsConservedPricesConvergeAndEveryHouseholdKeepsAFirm() throws Exception {
        long start = System.nanoTime();
        try (World w = Examples.load(FILE)) {
            List<String> firms = w.entityIds("firm");
            List<String> households = w.entityIds("household");
            var params = w.snapshot().get("params");
            int links = params.path("links").asInt();
            double output = firms.size() * params.path("output").asDouble();
            double[] initial = prices(w, firms);
            System.out.printf("loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
            for (int t = 10; t <= TICKS; t += 10) {
                w.advance(10);
                NetworkView net = w.network();
                int[] degrees = net.degrees();
                for (int i = 0; i < net.nodes().size(); i++) {
                    if (net.scripts().get(i).equals("household")) {
                        assertThat(degrees[i]).as("tick %d: %s's firms", t, net.nodes().get(i)).isBetween(1,
                                links + 1);
                    }
                }
                for (int k = 0; k < net.links(); k++) {
                    assertThat(net.scripts().get(net.from()[k])).as("tick %d: a link joins a firm and a household",
                            t).isNotEqualTo(net.scripts().get(net.to()[k]));
                }
            }
            double[][] byFirm = firms.stream().map(f -> w.metric("price." + f).orElseThrow().values())
                    .toArray(double[][]::new);
            double worstAfter = 0;
            for (int t = SETTLED - 1; t < TICKS; t++) {
                final int tick = t;
                worstAfter = Math.max(worstAfter, spread(Arrays.stream(byFirm).mapToDouble(p -> p[tick]).toArray()));
            }
            double[] money = w.metric("money").orElseThrow().values();
            assertThat(money).hasSize(TICKS).containsOnly(households.size() * 20000.0);
            assertThat(w.metric("unlinked").orElseThrow().values()).containsOnly(0.0);

            double[] sold = w.metric("sold").orElseThrow().values();
            double goods = households.stream().mapToDouble(h -> w.entityState(h).orElseThrow().path("goods")
                    .asDouble()).sum();
            assertThat(goods).as("every unit sold reached a household (the last tick's are in the mail)")
                    .isEqualTo(Arrays.stream(sold).sum() - sold[TICKS - 1]);

            double[] demand = w.metric("demand").orElseThrow().values();
            double meanDemand = Arrays.stream(demand, SETTLED, TICKS).average().orElseThrow();
            double meanSold = Arrays.stream(sold, SETTLED, TICKS).average().orElseThrow();
            double[] finalPrices = prices(w, firms);
            System.out.printf("money %.0f at every tick; prices at the start %s (largest distance from the mean "
                    + "%.0f%%), at tick %d %s; from tick %d on every price within %.1f%% of the mean; ordered %.1f and "
                    + "sold %.1f units a tick of %.0f made; %.0f switches; %.1f s%n", money[0],
                    Arrays.toString(initial), 100 * spread(initial), TICKS, Arrays.toString(finalPrices), SETTLED,
                    100 * worstAfter, meanDemand, meanSold, output, w.metric("switches").orElseThrow().total(),
                    (System.nanoTime() - start) / 1e9);
            assertThat(spread(initial)).as("prices start scattered").isGreaterThan(0.3);
            assertThat(worstAfter).as("prices stay in a band round the mean").isLessThan(0.2);
            assertThat(meanDemand / output).as("orders match output").isBetween(0.9, 1.1);
            assertThat(meanSold / output).as("most of the output is sold").isGreaterThan(0.8);
            assertThat(w.metric("switches").orElseThrow().total()).as("households re-link").isGreaterThan(50);
        }
    }
}
