package org.polysim.bench;

import java.util.Arrays;

/** Median, min and max of repeated measurements. */
record Stats(double median, double min, double max) {

    static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
        return new Stats(median, v[0], v[v.length - 1]);
    }

    /** The same measurements divided by {@code units} (e.g. block times by ticks per block). */
    Stats perUnit(int units) {
        return new Stats(median / units, min / units, max / units);
    }

    String describe(String unit) {
        return Report.num(median) + " " + unit + " (" + Report.num(min) + "–" + Report.num(max) + ")";
    }
}
