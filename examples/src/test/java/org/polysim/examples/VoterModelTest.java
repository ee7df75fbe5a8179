package org.polysim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import org.polysim.experiment.Backend;
import org.polysim.experiment.Experiment;
import org.polysim.experiment.ExperimentReader;
import org.polysim.experiment.LocalBackend;
import org.polysim.experiment.RunSpec;
import org.polysim.experiment.Statistics;
import org.polysim.experiment.Sweep;
import org.polysim.experiment.SweepResult;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code voter-model} against theory: on a regular network (a ring, every voter of degree 4) the expected number of
 * A voters after a tick equals the number before (each voter copies a uniformly random neighbour, and every voter is
 * the neighbour of 4 others), so the count is a martingale, consensus absorbs it, and the probability that A wins is
 * exactly A's initial share. The replications run through the experiments module ({@code voter-model/sweep.yaml},
 * 120 runs at each initial share 0.25, 0.5, 0.75): every run must end in consensus, and the share of runs A won must
 * lie within 3 binomial standard errors, sqrt(p (1 - p) / n), of p (0.040 at p = 0.25; the theory fixes the standard
 * error, so the band is not fitted to the runs).
 */
class VoterModelTest {

    private static final Path DIR = Path.of("").toAbsolutePath().resolve("voter-model");
    private static final int N = 32;

    @Test
    void theProbabilityThatAWinsIsItsInitialShare() throws Exception {
        long start = System.nanoTime();
        Experiment e = new ExperimentReader(null).read(DIR.resolve("sweep.yaml"));
        SweepResult r;
        try (LocalBackend backend = new LocalBackend(2)) {
            r = Sweep.run(e, backend, Backend.Progress.NONE);
        }
        assertThat(r.summaries()).hasSize(3);
        double previous = -1;
        for (SweepResult.PointSummary p : r.summaries()) {
            double share = p.params().get("share_a").doubleValue();
            List<RunSpec> runs = r.runs().stream().filter(run -> run.point() == p.point()).toList();
            for (RunSpec run : runs) {
                var metrics = r.results().get(run.index()).metrics();
                double won = metrics.get("share_a").last();
                assertThat(won).as("run %d (seed %d): consensus by tick %d", run.index(), run.seed(), e.steps())
                        .isIn(0.0, 1.0);
            }
            Statistics.Sample wins = p.metrics().get("share_a");
            double se = Math.sqrt(share * (1 - share) / wins.n());
            System.out.printf("initial share %.2f: A won %d of %d runs = %.4f; theory %.4f +- %.4f (3 binomial s.e.); "
                    + "95%% CI of the runs [%.4f, %.4f]%n", share, Math.round(wins.mean() * wins.n()), wins.n(),
                    wins.mean(), share, 3 * se, wins.ciLow(), wins.ciHigh());
            assertThat(wins.n()).isEqualTo(e.replications());
            assertThat(wins.mean()).as("share %s: P(A wins)", share).isCloseTo(share,
                    org.assertj.core.data.Offset.offset(3 * se));
            assertThat(wins.mean()).as("P(A wins) rises with A's initial share").isGreaterThan(previous);
            previous = wins.mean();
        }
        System.out.printf("sweep of %d runs in %.1f s%n", r.runs().size(), (System.nanoTime() - start) / 1e9);
    }

    @Test
    void theInitialShareIsExactAndConsensusIsForever() throws Exception {
        for (double share : new double[] {0.25, 0.5, 0.75}) {
            ObjectNode tree = (ObjectNode) WorldFiles.read(DIR.resolve("world.yaml"));
            ((ObjectNode) tree.get("params")).put("share_a", share);
            tree.putObject("limits").put("wall_ms", 60_000);
            try (World w = World.create(tree, DIR, null)) {
                assertThat(w.network().degrees()).as("a ring with k = 4").containsOnly(4);
                w.advance(700);
                double[] shares = w.metric("share_a").orElseThrow().values();
                double[] a = Arrays.stream(shares).map(x -> x * N).toArray();
                assertThat(a[0]).as("share %s: the A voters at the start", share).isEqualTo(share * N);
                int consensus = 0;
                while (consensus < a.length && a[consensus] != 0 && a[consensus] != N) {
                    consensus++;
                }
                assertThat(consensus).as("share %s: consensus within 700 ticks", share).isLessThan(a.length);
                double[] after = Arrays.copyOfRange(a, consensus, a.length);
                assertThat(after).as("share %s: nothing changes after consensus at tick %d", share, consensus + 1)
                        .containsOnly(a[consensus]);
                String winner = a[consensus] == N ? "A" : "B";
                for (String id : w.entityIds("voter")) {
                    assertThat(w.entityState(id).orElseThrow().path("opinion").asString()).isEqualTo(winner);
                }
                System.out.printf("world.yaml with share_a %.2f: %s won at tick %d%n", share, winner, consensus + 1);
            }
        }
    }
}
