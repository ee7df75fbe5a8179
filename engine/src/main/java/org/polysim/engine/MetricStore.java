package org.polysim.engine;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metric history: per name, the per-tick sums and running statistics. */
final class MetricStore {

    private final Map<String, Series> series = new LinkedHashMap<>();

    /** Closes one tick: each value is already the sum recorded under its name during that tick. */
    void close(long tick, Map<String, Double> values) {
        values.forEach((name, value) -> series.computeIfAbsent(name, n -> new Series()).add(tick, value));
    }

    Collection<String> names() {
        return series.keySet();
    }

    Series get(String name) {
        return series.get(name);
    }

    Map<String, Series> all() {
        return series;
    }

    Series create(String name) {
        return series.computeIfAbsent(name, n -> new Series());
    }

    /** A growable (tick, value) series with its statistics. */
    static final class Series {
        long[] ticks = new long[16];
        double[] values = new double[16];
        int size;
        double total;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void add(long tick, double value) {
            if (size > 0 && ticks[size - 1] == tick) { // recorded again between ticks (e.g. an added entity's init)
                values[size - 1] += value;
                total += value;
                recomputeExtremes();
                return;
            }
            if (size == ticks.length) {
                ticks = Arrays.copyOf(ticks, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            ticks[size] = tick;
            values[size] = value;
            size++;
            total += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        private void recomputeExtremes() {
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
        }

        MetricView view(String name, double dt) {
            double[] times = new double[size];
            for (int i = 0; i < size; i++) {
                times[i] = ticks[i] * dt;
            }
            return new MetricView(name, size, total, size == 0 ? 0 : total / size, size == 0 ? 0 : min,
                    size == 0 ? 0 : max, size == 0 ? 0 : values[size - 1], times, Arrays.copyOf(values, size));
        }
    }
}
