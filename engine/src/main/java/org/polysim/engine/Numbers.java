package org.polysim.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How polysim writes numbers as text, in one place: whole numbers without a trailing ".0" everywhere; exactly in
 * world data and logs ({@link #exact}); to a few significant digits, without padding zeros, in summaries meant to be
 * read ({@link #brief}).
 */
public final class Numbers {

    /** Below this magnitude whole doubles are exact longs, so they print as integers. */
    private static final double WHOLE_LIMIT = 1e15;

    private Numbers() {}

    /** A whole number as an integer node (so snapshots say {@code time: 10}, not {@code 10.0}). */
    public static tools.jackson.databind.JsonNode node(double value) {
        var f = tools.jackson.databind.node.JsonNodeFactory.instance;
        return isWhole(value) ? f.numberNode((long) value) : f.numberNode(value);
    }

    /** Every digit of {@code value} (it reads back as the same double); {@code 10}, not {@code 10.0}. */
    public static String exact(double value) {
        return isWhole(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** {@code value} as every summary writes it: {@link #brief(double, int)} to six significant digits. */
    public static String brief(double value) {
        return brief(value, 6);
    }

    /**
     * {@code value} to {@code digits} significant digits, without padding zeros ("898.5", not "898.500": a reader
     * takes zeros as data); whole numbers in full (they are counts); plain notation from 1e-4 up, E-notation below.
     */
    public static String brief(double value, int digits) {
        if (isWhole(value) || !Double.isFinite(value)) {
            return exact(value);
        }
        BigDecimal d = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return Math.abs(value) >= 1e-4 ? d.toPlainString() : d.toString();
    }

    private static boolean isWhole(double value) {
        return value == Math.rint(value) && Math.abs(value) < WHOLE_LIMIT;
    }
}
