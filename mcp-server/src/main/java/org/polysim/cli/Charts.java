package org.polysim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.polysim.engine.MetricView;
import org.polysim.engine.Numbers;
import org.polysim.plot.MetricChart;
import org.polysim.plot.Metrics;

/** Writes a chart to a file for the command line ({@code plot}, {@code run --plot}), as plot_metrics draws it. */
final class Charts {

    private Charts() {}

    /** What to tell the user: a summary line, and the metrics left out when there were more than fit. */
    record Result(String summary, Optional<String> leftOut) {
    }

    static Result plot(Map<String, List<MetricView>> byWorld, boolean chosen, Double since, Double until,
                       String title, int width, int height, Path out) throws IOException {
        Metrics.Picked picked = Metrics.pick(byWorld, chosen, MetricChart.MAX_LINES);
        List<String> names = picked.lines().stream().map(MetricView::name).toList();
        String heading = title != null ? title : Metrics.title(List.copyOf(byWorld.keySet()), picked);
        MetricChart.Drawn drawn = MetricChart.draw(picked.lines(), picked.metrics(), since, until, heading, width,
                height);
        org.polysim.engine.WorldFiles.replace(out, drawn.png());
        return new Result("chart of " + String.join(", ", names) + " from time " + Numbers.brief(drawn.from())
                + " to " + Numbers.brief(drawn.to()) + " (" + drawn.width() + "x" + drawn.height() + "): " + out,
                picked.leftOut().isEmpty() ? Optional.empty() : Optional.of("not drawn (at most "
                        + MetricChart.MAX_LINES + " lines; choose with --metrics): "
                        + String.join(", ", picked.leftOut())));
    }
}
