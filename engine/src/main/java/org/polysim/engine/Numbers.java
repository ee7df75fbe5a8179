package org.polysim.engine;

/** Number formatting shared by messages and logs: integers without a trailing ".0". */
final class Numbers {

    private Numbers() {}

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
