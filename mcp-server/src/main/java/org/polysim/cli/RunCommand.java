package org.polysim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.polysim.engine.MetricView;
import org.polysim.engine.Numbers;
import org.polysim.engine.ParamChanges;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFileException;
import org.polysim.engine.WorldFiles;
import org.polysim.mcp.LocalView;
import org.polysim.plot.MetricChart;
import org.polysim.plot.Metrics;
import org.polysim.plot.MetricsCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code polysim run WORLD_FILE --steps N [--seed S] [--param NAME=VALUE]... [--out SNAPSHOT] [--csv FILE.csv]
 * [--plot FILE.png]}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Advance a world file headless, print a metrics summary and save the final snapshot.")
final class RunCommand implements Callable<Integer> {

    /** Progress lines go to stderr at most this often, and only for runs that take longer. */
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    /** "5 apples" is text, not the number 5 followed by junk. */
    private static final JsonMapper PARAM_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORLD_FILE", description = "World file (.yaml, .yml or .json).")
    Path file;

    @Option(names = "--view", arity = "0..1", paramLabel = "PORT", fallbackValue = "0",
            description = "Show the world live in a browser while it runs, on 127.0.0.1 at PORT (any free port if "
                    + "none is given): its address, with the token it needs, goes to stderr, and the page stays up "
                    + "after the run (step, run, params) until Ctrl-C.")
    Integer view;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Ticks to run.")
    long steps;

    @Option(names = "--seed", paramLabel = "S", description = "Override the world's seed.")
    Long seed;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "Override one of the world's params (repeatable). VALUE is JSON when it parses as JSON "
                    + "(2.5, true, null, \"7\", [1, 2], {...}), otherwise plain text. NAME must be one of the "
                    + "file's params.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "SNAPSHOT",
            description = "Where to save the final snapshot (.yaml or .json). Default: runs/<folder>/<file>.final"
                    + ".yaml under the current directory (<folder>: the world file's folder, <file>: its name "
                    + "without the extension), so examples' world.yaml files do not overwrite each other.")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE.csv",
            description = "Also write every metric to this CSV at the end: one row per tick, columns time, tick, "
                    + "then the metrics (empty cell: no value that tick).")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the metrics as a line chart (PNG, 800x500; the first "
                    + org.polysim.plot.MetricChart.MAX_LINES + " metrics if there are more; polysim plot chooses).")
    Path plot;

    @Option(names = "--log", paramLabel = "N", defaultValue = "10",
            description = "Print the last N lines of the world's log (script prints, dropped messages, engine "
                    + "notices) after the metrics. Default: ${DEFAULT-VALUE}; 0 prints none.")
    int logLines;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (steps < 0) {
            stderr.println("--steps must be >= 0, got " + steps);
            return 2;
        }
        if (logLines < 0) {
            stderr.println("--log must be >= 0 (0 prints no log), got " + logLines);
            return 2;
        }
        String badEnding = ending(csv, "--csv", ".csv") + ending(plot, "--plot", ".png");
        if (!badEnding.isEmpty()) {
            stderr.println("polysim: " + badEnding.strip());
            return 2;
        }
        World world;
        try {
            JsonNode tree = WorldFiles.read(file);
            ObjectNode definition = WorldFiles.definition(tree);
            if (seed != null) {
                definition.put("seed", seed);
            }
            String unknown = overrideParams(definition);
            if (unknown != null) {
                stderr.println("polysim: " + unknown);
                return 2;
            }
            String stem = WorldFiles.stem(file);
            if (out == null) {
                Path folder = file.toAbsolutePath().getParent().getFileName();
                out = Path.of("runs", folder == null ? "root" : folder.toString(), stem + ".final.yaml");
            }
            starting(definition, stderr);
            world = World.create(tree, file.toAbsolutePath().getParent(), stem);
        } catch (WorldFileException e) {
            stderr.println("polysim: " + e.getMessage());
            return 2;
        } catch (SimulationException e) {
            stderr.println("polysim: " + e.getMessage());
            return 1;
        }
        Path target = out;
        int code = 0;
        long started = System.nanoTime();
        long[] lastReport = {started};
        long firstTick = world.tick(); // a snapshot starts where it stopped
        java.util.function.LongPredicate progress = done -> {
            long now = System.nanoTime();
            if (now - lastReport[0] >= PROGRESS_EVERY_NANOS) {
                lastReport[0] = now;
                stderr.printf(Locale.ROOT, "tick %d/%d (%.0f%%), %d entities, %.1f s%n", done, steps,
                        100.0 * done / Math.max(1, steps), world.entityCount(), (now - started) / 1e9);
                stderr.flush();
            }
            return true;
        };
        LocalView live = null;
        try (world) {
            try {
                if (view != null) {
                    live = LocalView.open(world, view);
                    stderr.println("polysim: watch it live at " + live.url());
                    stderr.flush();
                    for (long done = 1; done <= steps; done++) {
                        live.tick(); // a tick at a time, so the page reads the world between ticks
                        progress.test(done);
                    }
                } else {
                    world.advance(steps, progress);
                }
            } catch (SimulationException e) {
                stderr.println("polysim: " + e.getMessage());
                code = 1;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            stdout.printf(Locale.ROOT, "world %s: time %s after %d ticks in %.2f s; %d entities, %d messages pending, "
                            + "%d dropped%n%n", world.name(), Numbers.brief(world.time()), world.tick() - firstTick,
                    seconds, world.entityCount(), world.pendingMessages(), world.droppedMessages());
            printMetrics(stdout, world);
            printLog(stdout, world);
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            WorldFiles.write(world.snapshot(), target);
            stdout.println();
            stdout.println("snapshot: " + target);
            writeOutputs(world, stdout, stderr);
            if (live != null) {
                stdout.flush();
                stderr.println("polysim: the view stays open at " + live.url() + " (step, run, params); Ctrl-C to "
                        + "stop");
                stderr.flush();
                Thread.currentThread().join(); // until the process is stopped
            }
        } finally {
            if (live != null) {
                live.close();
            }
        }
        stdout.flush();
        return code;
    }

    /**
     * Says on stderr that a GraalVM language is starting: a first Python context takes several seconds, which
     * would otherwise pass without a word before the first progress line.
     */
    private static void starting(ObjectNode definition, PrintWriter stderr) {
        java.util.Set<String> graal = new java.util.TreeSet<>();
        definition.path("scripts").forEach(s -> {
            String language = s.path("language").asString("");
            if (language.equals("python") || language.equals("py")) {
                graal.add("Python (GraalPy)");
            } else if (language.equals("js") || language.equals("javascript")) {
                graal.add("JavaScript (GraalJS)");
            }
        });
        if (!graal.isEmpty()) {
            stderr.println("polysim: starting " + String.join(" and ", graal) + "; the first world of a language "
                    + "takes a few seconds...");
            stderr.flush();
        }
    }

    /**
     * Puts the {@code --param} values into the file's params. A name the file does not have is refused rather than
     * added: a misspelt name would otherwise run the model unchanged without a word. Returns that refusal, or null.
     */
    private String overrideParams(ObjectNode definition) {
        if (params.isEmpty()) {
            return null;
        }
        ObjectNode fileParams = definition.get("params") instanceof ObjectNode o ? o : PARAM_JSON.createObjectNode();
        ObjectNode changes = PARAM_JSON.createObjectNode();
        params.forEach((name, text) -> changes.set(name, paramValue(text)));
        try {
            definition.set("params", ParamChanges.applied(fileParams, changes));
            return null;
        } catch (ParamChanges.Unknown e) {
            String known = e.known().isEmpty() ? file.getFileName() + " has no params"
                    : "the params of " + file.getFileName() + " are: " + e.knownText();
            return "--param " + e.name() + ": no such param; " + known + ". --param changes a param the file has "
                    + "and never adds one (add it to the file's params first)";
        }
    }

    /** JSON when the text is JSON, else the text itself, so that {@code name=alice} needs no quotes. */
    private static JsonNode paramValue(String text) {
        try {
            JsonNode value = PARAM_JSON.readTree(text);
            if (value != null && !value.isMissingNode()) {
                return value;
            }
        } catch (JacksonException notJson) {
            // plain text
        }
        return JsonNodeFactory.instance.stringNode(text);
    }

    /** The --csv and --plot files, of the world as the run left it (after a failure: its last completed tick). */
    private void writeOutputs(World world, PrintWriter stdout, PrintWriter stderr) throws java.io.IOException {
        if ((csv != null || plot != null) && world.metricNames().isEmpty()) {
            stderr.println("polysim: no metrics recorded, so no " + (csv != null ? csv : "")
                    + (csv != null && plot != null ? " or " : "") + (plot != null ? plot : "") + " written");
            return;
        }
        List<MetricView> all = Metrics.of(world, null);
        if (csv != null) {
            var written = MetricsCsv.write(csv, all, null, null, world.dt());
            stdout.println("metrics CSV: " + csv + " (" + written.rows() + " rows)");
        }
        if (plot != null) {
            var drawn = Charts.plot(Map.of(world.name(), all), false, null, null, null, MetricChart.DEFAULT_WIDTH,
                    MetricChart.DEFAULT_HEIGHT, plot);
            stdout.println(drawn.summary());
            drawn.leftOut().ifPresent(stderr::println);
        }
    }

    /** An error when {@code file} is given without the ending its format needs, else "". */
    private static String ending(Path file, String option, String ending) {
        return file == null || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ending) ? ""
                : option + " must end in " + ending + ", got " + file + " ";
    }

    /** The log's tail: a script's {@code print} is how the seed's examples, and many first models, report. */
    private void printLog(PrintWriter out, World world) {
        var lines = logLines > 0 ? world.log(null, logLines) : List.<org.polysim.engine.LogLine>of();
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println("log, last " + lines.size() + (lines.size() == 1 ? " line" : " lines")
                + " (--log N for more, --log 0 for none):");
        lines.forEach(l -> out.println("  " + l));
    }

    private static void printMetrics(PrintWriter out, World world) {
        if (world.metricNames().isEmpty()) {
            out.println("(no metrics recorded)");
            return;
        }
        int width = Math.max(6, world.metricNames().stream().mapToInt(String::length).max().orElse(6));
        String row = "%-" + width + "s %8s %12s %12s %12s %12s %12s %10s%n";
        out.printf(Locale.ROOT, row, "metric", "ticks", "total", "mean", "min", "max", "last", "last at");
        List<MetricView> all = world.metricNames().stream().map(n -> world.metric(n).orElseThrow()).toList();
        for (MetricView m : all) {
            out.printf(Locale.ROOT, row, m.name(), m.count(), Numbers.brief(m.total()), Numbers.brief(m.mean()),
                    Numbers.brief(m.min()), Numbers.brief(m.max()), Numbers.brief(m.last()),
                    "t=" + Numbers.brief(m.lastTime()) + (m.lastIsCurrent(world.time()) ? "" : " *"));
        }
        List<String> stale = MetricView.staleLasts(all, world.time());
        if (!stale.isEmpty()) {
            out.println("* no value at the world's time (" + Numbers.brief(world.time()) + "): "
                    + String.join("; ", stale));
        }
    }

}
