package org.polysim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Student's t quantiles against published table values, and the sample statistics. */
class StatisticsTest {

    @Test
    void tQuantilesMatchTheTables() {
        // t(0.975, df) from standard tables
        assertThat(Statistics.tQuantile975(1)).isCloseTo(12.706204736, offset(1e-8));
        assertThat(Statistics.tQuantile975(2)).isCloseTo(4.302652730, offset(1e-8));
        assertThat(Statistics.tQuantile975(4)).isCloseTo(2.776445105, offset(1e-8));
        assertThat(Statistics.tQuantile975(9)).isCloseTo(2.262157163, offset(1e-8));
        assertThat(Statistics.tQuantile975(29)).isCloseTo(2.045229642, offset(1e-8));
        assertThat(Statistics.tQuantile975(1000)).isCloseTo(1.962339081, offset(1e-8));
    }

    @Test
    void aSampleGivesMeanSdAndTheInterval() {
        Statistics.Sample s = Statistics.of(new double[] {1, 2, 3, 4});
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.sd()).isCloseTo(Math.sqrt(5.0 / 3), offset(1e-15));
        assertThat(s.ciLow()).isCloseTo(2.5 - 3.182446305 * Math.sqrt(5.0 / 3) / 2, offset(1e-8));
        assertThat(Statistics.of(new double[] {7}).sd()).isNaN();
        assertThat(Statistics.of(new double[] {5, 5, 5}).ciHigh()).isEqualTo(5);
    }
}
