package org.polysim.experiment;

import java.util.ArrayList;
import java.util.List;
import org.polysim.engine.Numbers;

/**
 * The summary table as aligned text: per grid point and metric, the mean and 95% interval of the runs' values at
 * their final tick, and how many runs had none there (missing).
 */
public final class SummaryText {

    private SummaryText() {}

    public static String of(SweepResult r) {
        List<String> header = new ArrayList<>(List.of("point"));
        header.addAll(r.experiment().vary().keySet());
        header.addAll(List.of("metric", "n", "missing", "mean(last)", "sd", "95% CI"));
        List<List<String>> rows = new ArrayList<>();
        for (SweepResult.PointSummary p : r.summaries()) {
            for (String m : r.metrics()) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(p.point())));
                p.params().values().forEach(v -> row.add(v.isString() ? v.stringValue() : v.toString()));
                Statistics.Sample s = p.metrics().get(m);
                row.addAll(List.of(m, Integer.toString(s.n()), Integer.toString(p.missing().get(m)), brief(s.mean()),
                        brief(s.sd()),
                        Double.isNaN(s.ciLow()) ? "-" : "[" + brief(s.ciLow()) + ", " + brief(s.ciHigh()) + "]"));
                rows.add(row);
            }
        }
        int[] width = new int[header.size()];
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < row.size(); i++) {
                out.append(String.format("%-" + width[i] + "s", row.get(i))).append(i + 1 < row.size() ? "  " : "");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String brief(double v) {
        return Double.isNaN(v) ? "-" : Numbers.brief(v, 4);
    }
}
