package org.polysim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.polysim.experiment.Backend;
import org.polysim.experiment.Experiment;
import org.polysim.experiment.ExperimentReader;
import org.polysim.experiment.LocalBackend;
import org.polysim.experiment.Statistics;
import org.polysim.experiment.Sweep;
import org.polysim.experiment.SweepResult;

/**
 * {@code sir-epidemic/sweep.yaml} against theory: at R0 = 1.5, 2 and 3 the Kermack-McKendrick final size lies inside
 * the 95% confidence interval of the mean final size over the sweep's replications, and the intervals are narrow
 * enough (at most 0.03 of the population each side) that a model off by a few percent would fail.
 */
class SirSweepTest {

    private static final Path SWEEP = Path.of("").toAbsolutePath().resolve("sir-epidemic/sweep.yaml");
    private static final double POPULATION = 1000;

    @Test
    void meanFinalSizesOverReplicationsBracketKermackMcKendrick() throws Exception {
        Experiment e = new ExperimentReader(null).read(SWEEP);
        SweepResult r;
        try (LocalBackend backend = new LocalBackend(2)) {
            r = Sweep.run(e, backend, Backend.Progress.NONE);
        }
        List<Double> r0s = List.of(1.5, 2.0, 3.0);
        assertThat(r.summaries()).hasSize(3);
        for (SweepResult.PointSummary p : r.summaries()) {
            double r0 = p.params().get("beta").doubleValue() * 4; // contacts 4, gamma 1
            assertThat(r0).isEqualTo(r0s.get(p.point()));
            double theory = SirValidationTest.kermackMcKendrick(r0);
            Statistics.Sample recovered = p.metrics().get("recovered");
            double low = recovered.ciLow() / POPULATION;
            double high = recovered.ciHigh() / POPULATION;
            System.out.printf("R0 %.1f: mean final size %.4f, 95%% CI [%.4f, %.4f] over %d runs; theory %.4f%n",
                    r0, recovered.mean() / POPULATION, low, high, recovered.n(), theory);
            assertThat(recovered.n()).isEqualTo(e.replications());
            assertThat(p.metrics().get("infected").mean()).as("every epidemic is over by the last tick").isZero();
            assertThat(high - low).as("R0 %s: the interval resolves the theory", r0).isLessThan(0.06);
            assertThat(theory).as("R0 %s: theory inside the runs' 95%% interval", r0).isBetween(low, high);
        }
    }
}
