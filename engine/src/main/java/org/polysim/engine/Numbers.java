package org.polysim.engine;

/** Number formatting shared by messages and logs: integers without a trailing ".0". */
final class Numbers {

    private Numbers() {}

    /** A whole number as an integer node (so snapshots say {@code time: 10}, not {@code 10.0}). */
    static tools.jackson.databind.JsonNode node(double value) {
        var f = tools.jackson.databind.node.JsonNodeFactory.instance;
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? f.numberNode((long) value) : f.numberNode(value);
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
