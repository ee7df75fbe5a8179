package org.polysim.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.polysim.engine.Numbers;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The two CSV tables of a sweep. Numbers are written exactly ({@link Numbers#exact}: they read back as the same
 * double; whole numbers without ".0"); a value a run or point lacks (a metric never recorded there, a standard
 * deviation of one replication) is an empty cell.
 *
 * <ul>
 *   <li>{@code <name>-runs.csv}: one row per run: {@code run, point, replication, seed}, each varied param, and per
 *       metric {@code <metric>.last} (its value at the final tick; empty when it had none there, never an earlier
 *       value), {@code .last_time} (when it last had a value), and {@code .mean, .min, .max, .total} over the ticks
 *       in which it had a value.</li>
 *   <li>{@code <name>-summary.csv}: one row per grid point: {@code point}, each varied param, and per metric
 *       {@code <metric>.n, .missing, .mean, .sd, .ci95_low, .ci95_high} of the runs' {@code last} values:
 *       {@code n} runs had one, {@code missing} had none at their final tick.</li>
 * </ul>
 */
public final class Tables {

    private static final CsvMapper CSV = new CsvMapper();
    static final List<String> RUN_STATS = List.of("last", "last_time", "mean", "min", "max", "total");
    static final List<String> SUMMARY_STATS = List.of("n", "missing", "mean", "sd", "ci95_low", "ci95_high");

    private Tables() {}

    /** Where {@link #write} puts the tables. */
    public record Files(Path runs, Path summary) {
    }

    /** Writes both tables into {@code dir} (each whole or not at all). */
    public static Files write(SweepResult r, Path dir) throws IOException {
        String name = r.experiment().name();
        Files f = new Files(dir.resolve(name + "-runs.csv"), dir.resolve(name + "-summary.csv"));
        WorldFiles.replace(f.runs(), runs(r).getBytes(StandardCharsets.UTF_8));
        WorldFiles.replace(f.summary(), summary(r).getBytes(StandardCharsets.UTF_8));
        return f;
    }

    /** The runs table as CSV text. */
    public static String runs(SweepResult r) {
        List<String> header = new ArrayList<>(List.of("run", "point", "replication", "seed"));
        header.addAll(r.experiment().vary().keySet());
        r.metrics().forEach(m -> RUN_STATS.forEach(s -> header.add(m + "." + s)));
        List<List<String>> rows = new ArrayList<>();
        for (RunSpec spec : r.runs()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(spec.index()),
                    Integer.toString(spec.point()), Integer.toString(spec.replication()),
                    Long.toString(spec.seed())));
            r.summaries().get(spec.point()).params().values().forEach(v -> row.add(text(v)));
            Map<String, RunResult.MetricStats> measured = r.results().get(spec.index()).metrics();
            for (String m : r.metrics()) {
                RunResult.MetricStats s = measured.get(m);
                if (s == null) {
                    RUN_STATS.forEach(x -> row.add(""));
                } else {
                    for (double v : new double[] {s.last(), s.lastTime(), s.mean(), s.min(), s.max(), s.total()}) {
                        row.add(number(v));
                    }
                }
            }
            rows.add(row);
        }
        return csv(header, rows);
    }

    /** The summary table as CSV text. */
    public static String summary(SweepResult r) {
        List<String> header = new ArrayList<>(List.of("point"));
        header.addAll(r.experiment().vary().keySet());
        r.metrics().forEach(m -> SUMMARY_STATS.forEach(s -> header.add(m + "." + s)));
        List<List<String>> rows = new ArrayList<>();
        for (SweepResult.PointSummary p : r.summaries()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(p.point())));
            p.params().values().forEach(v -> row.add(text(v)));
            for (String m : r.metrics()) {
                Statistics.Sample s = p.metrics().get(m);
                row.add(Integer.toString(s.n()));
                row.add(Integer.toString(p.missing().get(m)));
                for (double v : new double[] {s.mean(), s.sd(), s.ciLow(), s.ciHigh()}) {
                    row.add(number(v));
                }
            }
            rows.add(row);
        }
        return csv(header, rows);
    }

    private static String csv(List<String> header, List<List<String>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder();
        header.forEach(schema::addColumn);
        List<String[]> all = rows.stream().map(row -> row.toArray(String[]::new)).toList();
        return CSV.writer(schema.build().withHeader()).writeValueAsString(all);
    }

    /** A number exactly; NaN (no value) as an empty cell. */
    static String number(double v) {
        return Double.isNaN(v) ? "" : Numbers.exact(v);
    }

    /** A param value: numbers exactly, text as it is, anything else as JSON. */
    static String text(JsonNode v) {
        if (v.isNumber()) {
            return Numbers.exact(v.doubleValue());
        }
        return v.isString() ? v.stringValue() : v.toString();
    }
}
