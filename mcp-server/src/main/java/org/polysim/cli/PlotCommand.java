package org.polysim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.polysim.engine.MetricView;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFileException;
import org.polysim.engine.WorldFiles;
import org.polysim.plot.MetricChart;
import org.polysim.plot.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polysim plot SNAPSHOT... [--metrics a,b] --out FILE.png}: the chart plot_metrics draws, from files. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw metrics of one or more snapshots (world files with a metric history) as a PNG line "
                + "chart. Several snapshots share one chart, their lines named world/metric.")
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SNAPSHOT", description = "Snapshot files (.yaml, .yml or .json), "
            + "e.g. what polysim run saved.")
    List<Path> files;

    @Option(names = "--metrics", split = ",", paramLabel = "NAME",
            description = "Metrics to draw, comma-separated (default: all, the first " + MetricChart.MAX_LINES
                    + " lines if there are more).")
    List<String> metrics;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG to write.")
    Path out;

    @Option(names = "--title", description = "Chart title (default: what is drawn).")
    String title;

    @Option(names = "--width", defaultValue = "" + MetricChart.DEFAULT_WIDTH, description = "Pixels (default "
            + "${DEFAULT-VALUE}, at most " + MetricChart.MAX_SIDE + ").")
    int width;

    @Option(names = "--height", defaultValue = "" + MetricChart.DEFAULT_HEIGHT, description = "Pixels (default "
            + "${DEFAULT-VALUE}, at most " + MetricChart.MAX_SIDE + ").")
    int height;

    @Option(names = "--since", paramLabel = "TIME", description = "Only values at or after this time.")
    Double since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only values at or before this time.")
    Double until;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            stderr.println("polysim plot: --out must end in .png, got " + out);
            return 2;
        }
        Map<String, List<MetricView>> byWorld = new LinkedHashMap<>();
        try {
            for (Path file : files) {
                try (World w = World.load(file)) {
                    String label = byWorld.containsKey(w.name()) ? WorldFiles.stem(file) : w.name();
                    byWorld.put(label, Metrics.of(w, metrics));
                }
            }
            Charts.Result drawn = Charts.plot(byWorld, metrics != null, since, until, title, width, height, out);
            stdout.println(drawn.summary());
            drawn.leftOut().ifPresent(stderr::println);
        } catch (WorldFileException | SimulationException | IllegalArgumentException e) {
            stderr.println("polysim plot: " + e.getMessage());
            return 2;
        }
        stdout.flush();
        return 0;
    }
}
