package org.polysim.engine;

/**
 * One metric: statistics over its per-tick values (each the sum of what was recorded that tick) and the series.
 *
 * @param count    number of ticks with a value
 * @param last     the value at {@code lastTime}: the latest tick that has one, which need not be the world's current
 *                 time (a metric nobody recorded since has no value now; see {@link #lastIsCurrent})
 * @param lastTime the time of {@code last}; NaN when the metric has no value at all
 * @param missing  what a tick without a value means, as the world declared ({@code metrics: {m: {missing: 0}}}), or
 *                 null: such a tick has no value
 */
public record MetricView(String name, long count, double total, double mean, double min, double max, double last,
                         double lastTime, Double missing, double[] times, double[] values) {

    /** Whether {@code last} is the value at {@code now} (a world's current time), not an earlier tick's. */
    public boolean lastIsCurrent(double now) {
        return count > 0 && Math.abs(lastTime - now) < 1e-9;
    }

    /** {@link #staleness(long, double, double)} of this metric. */
    public String staleness(double now) {
        return staleness(count, lastTime, now);
    }

    /**
     * How to read a last value at time {@code now}, in words, for every summary (of a whole history or of a window's
     * statistics): empty when it is the value at {@code now}, else when it was recorded and that nothing was since
     * ("last recorded at t = 5; no value since").
     *
     * @param count    the values there are; none: "no value recorded"
     * @param lastTime the time of the last of them
     */
    public static String staleness(long count, double lastTime, double now) {
        if (count == 0) {
            return "no value recorded";
        }
        return Math.abs(lastTime - now) < 1e-9 ? "" : "last recorded at t = " + Numbers.brief(lastTime)
                + "; no value since";
    }

    /**
     * One line per metric whose last value is not the one at {@code now}, for a summary: "alive: last 10 at t = 5,
     * no value since". Empty when every metric has a value now.
     */
    public static java.util.List<String> staleLasts(java.util.List<MetricView> metrics, double now) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (MetricView m : metrics) {
            if (m.count() > 0 && !m.lastIsCurrent(now)) {
                out.add(m.name() + ": last " + Numbers.brief(m.last()) + " at t = " + Numbers.brief(m.lastTime())
                        + ", no value since");
            }
        }
        return out;
    }
}
