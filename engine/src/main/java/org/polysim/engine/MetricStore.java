package org.polysim.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.polysim.engine.Definition.SeriesDef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Metric history: per name, the per-tick sums and running statistics.
 *
 * <p>Two kinds of value are recorded without any script asking (DESIGN.md "One tick", step 5), so that a count which
 * reaches zero reads zero instead of its last non-zero value: the engine's own {@code entities.<script>}, the live
 * count of each script at the end of every tick (and after every change of the population between ticks), and a
 * declared metric's {@code missing} value in a tick where nothing recorded it.
 */
final class MetricStore {

    /** The prefix of the engine's own population counts; scripts may not record under it. */
    static final String POPULATION = "entities.";

    private static final String METRICS = "metrics";
    private static final String MISSING = "missing";
    private static final String TIMES = "times";
    private static final String VALUES = "values";
    private static final java.util.Set<String> METRIC = WorldSchema.names(WorldSchema.METRIC);

    private final Map<String, Series> series = new LinkedHashMap<>();

    /** A store holding what a world file says: each metric's missing value and history. */
    MetricStore(Map<String, SeriesDef> saved) {
        saved.forEach((metric, s) -> {
            Series one = create(metric);
            one.missing = s.missing();
            for (int i = 0; i < s.ticks().length; i++) {
                one.add(s.ticks()[i], s.values()[i]);
            }
        });
    }

    /**
     * {@code metrics: {name: {missing?, times?, values?}}}: what a tick without a value means (an author writes
     * this), and the history a snapshot carries.
     */
    static Map<String, SeriesDef> read(JsonNode node, double dt) {
        Map<String, SeriesDef> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        ObjectNode o = WorldSchema.FIELDS.object(node, METRICS);
        for (var e : o.properties()) {
            String where = METRICS + "." + e.getKey();
            ObjectNode s = WorldSchema.FIELDS.object(e.getValue(), where);
            WorldSchema.FIELDS.known(s, METRIC, where);
            Double missing = null;
            if (s.has(MISSING)) {
                JsonNode m = s.get(MISSING);
                if (!m.isNumber() || !Double.isFinite(m.doubleValue())) {
                    throw new WorldFileException(where + "." + MISSING, "must be a number (what a tick in which no "
                            + "entity records " + e.getKey() + " counts as, usually 0), got " + Fields.describe(m));
                }
                if (e.getKey().startsWith(POPULATION)) {
                    throw new WorldFileException(where + "." + MISSING, "the engine records " + e.getKey()
                            + " itself every tick, zero included; it needs no missing value");
                }
                missing = m.doubleValue();
            }
            JsonNode times = s.get(TIMES);
            JsonNode values = s.get(VALUES);
            if (times == null && values == null) {
                out.put(e.getKey(), new SeriesDef(new long[0], new double[0], missing));
                continue;
            }
            if (times == null || values == null || !times.isArray() || !values.isArray()
                    || times.size() != values.size()) {
                throw new WorldFileException(where, "a history is {times: [...], values: [...]} of equal length");
            }
            long[] ticks = new long[times.size()];
            double[] vals = new double[values.size()];
            for (int i = 0; i < ticks.length; i++) {
                if (!times.get(i).isNumber() || !values.get(i).isNumber()) {
                    throw new WorldFileException(where + "[" + i + "]", "times and values must be numbers");
                }
                ticks[i] = Math.round(times.get(i).doubleValue() / dt);
                vals[i] = values.get(i).doubleValue();
            }
            out.put(e.getKey(), new SeriesDef(ticks, vals, missing));
        }
        return out;
    }

    /** Writes every metric: its missing value, if declared, and its history as times and values. */
    void write(ObjectNode snapshot, double dt) {
        ObjectNode ms = snapshot.putObject(METRICS);
        series.forEach((metric, s) -> {
            ObjectNode o = ms.putObject(metric);
            if (s.missing != null) {
                o.set(MISSING, Numbers.node(s.missing));
            }
            ArrayNode times = o.putArray(TIMES);
            ArrayNode values = o.putArray(VALUES);
            for (int i = 0; i < s.size; i++) {
                times.add(Numbers.node(s.ticks[i] * dt));
                values.add(Numbers.node(s.values[i]));
            }
        });
    }


    /**
     * Closes one tick: each value is already the sum recorded under its name during that tick. In a tick that
     * advance ran ({@code ticked}; not the creation of entities between ticks) a declared metric without a value gets
     * its {@code missing} value. The population counts replace any earlier count of the same tick.
     *
     * @return every value the tick now has: the recorded, the filled-in and the counts
     */
    Map<String, Double> close(long tick, Map<String, Double> values, boolean ticked, Map<String, Integer> counts) {
        Map<String, Double> closed = new LinkedHashMap<>(values);
        values.forEach((name, value) -> series.computeIfAbsent(name, n -> new Series()).add(tick, value));
        if (ticked) {
            series.forEach((name, s) -> {
                if (s.missing != null && !values.containsKey(name) && (s.size == 0 || s.ticks[s.size - 1] != tick)) {
                    s.add(tick, s.missing);
                    closed.put(name, s.missing);
                }
            });
        }
        population(tick, counts);
        counts.forEach((script, n) -> closed.put(POPULATION + script, (double) n));
        return closed;
    }

    /** Records the live count of each script at {@code tick}, replacing a count recorded earlier in that tick. */
    void population(long tick, Map<String, Integer> counts) {
        counts.forEach((script, n) -> series.computeIfAbsent(POPULATION + script, k -> new Series()).set(tick, n));
    }

    /** Script metrics first, in the order first recorded, then the engine's population counts. */
    java.util.List<String> names() {
        java.util.List<String> out = new java.util.ArrayList<>(series.size());
        series.keySet().stream().filter(n -> !n.startsWith(POPULATION)).forEach(out::add);
        series.keySet().stream().filter(n -> n.startsWith(POPULATION)).forEach(out::add);
        return out;
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
        /** What a tick without a value means, or null: it has none. */
        Double missing;
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

        /** The value at {@code tick} is {@code value}, whatever was recorded there before. */
        void set(long tick, double value) {
            if (size > 0 && ticks[size - 1] == tick) {
                total += value - values[size - 1];
                values[size - 1] = value;
                recomputeExtremes();
            } else {
                add(tick, value);
            }
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
                    size == 0 ? 0 : max, size == 0 ? 0 : values[size - 1], size == 0 ? Double.NaN : times[size - 1],
                    missing, times, Arrays.copyOf(values, size));
        }
    }
}
