package org.polysim.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.polysim.engine.MetricView;
import org.polysim.engine.Numbers;
import org.polysim.engine.Series;

/**
 * Metrics as CSV: one row per tick that has any value in the window, columns {@code time}, {@code tick}, then one
 * per metric in the order given. Every tick is written (no buckets); a metric without a value that tick has an
 * empty cell. Numbers are written exactly ({@link Numbers#exact}: every digit, whole numbers without ".0").
 */
public final class MetricsCsv {

    private MetricsCsv() {}

    /**
     * @param dt the world's time per tick, to give each row its tick number
     */
    public static CsvFile.Written write(Path file, List<MetricView> metrics, Double since, Double until, double dt)
            throws IOException {
        Series series = Series.of(metrics, since, until, Integer.MAX_VALUE);
        List<String> columns = new ArrayList<>(List.of("time", "tick"));
        for (MetricView m : metrics) {
            columns.add(CsvFile.free(m.name(), columns, "metric.")); // a metric named "time" keeps its data apart
        }
        double[] times = series.times();
        var rows = new java.util.Iterator<String[]>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < times.length;
            }

            @Override
            public String[] next() {
                String[] row = new String[columns.size()];
                row[0] = Numbers.exact(times[i]);
                row[1] = Long.toString(Math.round(times[i] / dt));
                for (int m = 0; m < series.lines().size(); m++) {
                    double v = series.lines().get(m).mean()[i];
                    row[m + 2] = Double.isNaN(v) ? null : Numbers.exact(v);
                }
                i++;
                return row;
            }
        };
        return CsvFile.write(file, columns, rows);
    }
}
