package org.polysim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Metrics over a time window on one shared time axis, cut into at most a given number of buckets: what a reader
 * of a long run wants (the MCP tools, a plot, a CSV), computed once here.
 *
 * <p>Every metric's values are aligned with {@link #times} ({@code NaN} where it had no value in a bucket). A bucket
 * is stamped with its last time and holds the mean of its values, with their minimum and maximum beside it, so a
 * peak is never averaged away. Without downsampling each bucket is one tick and the three are equal.
 *
 * @param times       the last time of each bucket
 * @param downsampled whether buckets hold more than one tick
 * @param lines       one per metric, in the order asked
 */
public record Series(double[] times, boolean downsampled, List<Line> lines) {

    /**
     * One metric over the window.
     *
     * @param stats statistics over every tick in the window (not the buckets); zeros when it has no value there
     * @param mean  per bucket, the mean of the metric's values in it
     */
    public record Line(String name, Stats stats, double[] mean, double[] min, double[] max) {
    }

    /**
     * Statistics over the ticks of a window that have a value.
     *
     * @param lastTime the time of {@code last} (the window's latest tick with a value); NaN when there is none
     */
    public record Stats(long count, double total, double mean, double min, double max, double last,
                        double lastTime) {
    }

    /**
     * @param since     earliest time, inclusive (null: from the start)
     * @param until     latest time, inclusive (null: to now)
     * @param maxPoints most buckets, at least 1
     */
    public static Series of(List<MetricView> metrics, Double since, Double until, int maxPoints) {
        TreeSet<Double> axis = new TreeSet<>();
        for (MetricView m : metrics) {
            for (double t : m.times()) {
                if (inside(t, since, until)) {
                    axis.add(t);
                }
            }
        }
        double[] ticks = axis.stream().mapToDouble(Double::doubleValue).toArray();
        int n = ticks.length;
        int buckets = Math.min(n, maxPoints);
        double[] times = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            times[b] = ticks[end(b, n, buckets) - 1];
        }
        List<Line> lines = new ArrayList<>();
        for (MetricView m : metrics) {
            double[] aligned = new double[n];
            Arrays.fill(aligned, Double.NaN);
            for (int i = 0; i < m.times().length; i++) {
                int at = Arrays.binarySearch(ticks, m.times()[i]);
                if (at >= 0) {
                    aligned[at] = m.values()[i];
                }
            }
            lines.add(line(m.name(), aligned, ticks, buckets));
        }
        return new Series(times, n > buckets, List.copyOf(lines));
    }

    private static Line line(String name, double[] aligned, double[] ticks, int buckets) {
        int n = aligned.length;
        double[] mean = new double[buckets];
        double[] min = new double[buckets];
        double[] max = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int count = 0;
            for (int i = start(b, n, buckets); i < end(b, n, buckets); i++) {
                if (!Double.isNaN(aligned[i])) {
                    sum += aligned[i];
                    lo = Math.min(lo, aligned[i]);
                    hi = Math.max(hi, aligned[i]);
                    count++;
                }
            }
            mean[b] = count == 0 ? Double.NaN : sum / count;
            min[b] = count == 0 ? Double.NaN : lo;
            max[b] = count == 0 ? Double.NaN : hi;
        }
        return new Line(name, stats(aligned, ticks), mean, min, max);
    }

    private static Stats stats(double[] values, double[] times) {
        long count = 0;
        double lastTime = Double.NaN;
        double total = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                count++;
                total += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                last = v;
            }
        }
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                lastTime = times[i];
                break;
            }
        }
        return count == 0 ? new Stats(0, 0, 0, 0, 0, 0, Double.NaN)
                : new Stats(count, total, total / count, min, max, last, lastTime);
    }

    private static boolean inside(double t, Double since, Double until) {
        return (since == null || t >= since - 1e-9) && (until == null || t <= until + 1e-9);
    }

    private static int start(int b, int n, int buckets) {
        return (int) ((long) b * n / buckets);
    }

    private static int end(int b, int n, int buckets) {
        return (int) ((long) (b + 1) * n / buckets);
    }
}
