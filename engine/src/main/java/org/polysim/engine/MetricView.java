package org.polysim.engine;

/**
 * One metric: statistics over its per-tick values (each the sum of what was recorded that tick) and the series.
 *
 * @param count number of ticks with a value
 */
public record MetricView(String name, long count, double total, double mean, double min, double max, double last,
                         double[] times, double[] values) {
}
