package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers in summaries: as short as they can be without losing what six significant digits say. */
class ViewsTest {

    @Test
    void numbersDropPaddingZerosButKeepSixSignificantDigits() {
        assertThat(Views.num(25)).isEqualTo("25");
        assertThat(Views.num(898.5)).isEqualTo("898.5");
        assertThat(Views.num(96.82)).isEqualTo("96.82");
        assertThat(Views.num(2.668833333)).isEqualTo("2.66883");
        assertThat(Views.num(123456.7)).isEqualTo("123457");
        assertThat(Views.num(1234567.8)).isEqualTo("1234570");
        assertThat(Views.num(2.0e-7)).isEqualTo("2E-7");
        assertThat(Views.num(-3.25)).isEqualTo("-3.25");
    }
}
