package org.polysim.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.polysim.experiment.Backend;
import org.polysim.experiment.Experiment;
import org.polysim.experiment.ExperimentException;
import org.polysim.experiment.ExperimentReader;
import org.polysim.experiment.LocalBackend;
import org.polysim.experiment.RunFailedException;
import org.polysim.experiment.RunResult;
import org.polysim.experiment.Statistics;
import org.polysim.experiment.SummaryText;
import org.polysim.experiment.Sweep;
import org.polysim.experiment.SweepCharts;
import org.polysim.experiment.SweepResult;
import org.polysim.experiment.Tables;
import tools.jackson.databind.node.ObjectNode;

/** {@code run_experiment}: a parameter sweep with replications on local threads, tables written to the workspace. */
final class ExperimentTools {

    private static final long PROGRESS_NANOS = 250_000_000L;

    private final ServerState state;

    ExperimentTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(new Tool("run_experiment", """
                Run one world over a parameter grid with replications: {world (a definition, or a file in the \
                workspace), steps, vary: {param: [values]} (a grid: every combination), replications, \
                seed, measure (default all metrics), params (fixed for every run)}; each run a fresh world with \
                its own derived seed. Writes <name>-runs.csv and <name>-summary.csv (per grid point: n, missing, \
                mean, sd, 95% interval of each run's final value) and returns the summary.""",
                Schema.of().optional("experiment", "object", "The experiment (see the description).")
                        .optional("file_path", "string", "Or an experiment file in the workspace; its "
                                + "world path is relative to it.")
                        .optional("out_dir", "string", "Workspace folder for the CSV files (default "
                                + "experiments/<name>).")
                        .optional("threads", "integer", "Runs at once (default: the number of cores)."),
                Schema.of().optional("runs_csv", "string", "The runs table, relative to the workspace.")
                        .optional("summary_csv", "string", "The summary table, relative to the workspace.")
                        .optional("summary", "array", "Per grid point: params and, per metric, n, mean, sd, "
                                + "ci95_low, ci95_high of the runs' last values.").open(),
                Tool.Hints.REPLACE, this::runExperiment));
    }

    private Tool.Result runExperiment(Tool.Call c) throws Exception {
        ObjectNode inline = c.args().optObject("experiment");
        String file = c.args().optString("file_path");
        if ((inline == null) == (file == null)) {
            throw new ToolError("run_experiment: give either experiment (the experiment itself) or file_path (an "
                    + "experiment file in the workspace), not " + (inline == null ? "neither" : "both"));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = (int) c.args().integer("threads", 1, 1024, (long) cores);
        Path root = state.workspace.root();
        Experiment experiment;
        try {
            ExperimentReader reader = new ExperimentReader(root);
            experiment = file != null ? reader.read(state.workspace.resolve(file))
                    : reader.read(inline, root, "experiment");
        } catch (ExperimentException e) {
            throw new ToolError("run_experiment: " + e.getMessage());
        }
        Path out = outDir(c.args().optString("out_dir"), experiment.name());
        Object token = c.progressToken();
        String requestId = c.requestId();
        int total = experiment.runCount();
        AtomicInteger done = new AtomicInteger();
        long[] last = {state.nanoTime.getAsLong()};
        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Backend.Progress progress = new Backend.Progress() {
            @Override
            public synchronized void runDone(RunResult result) {
                int n = done.incrementAndGet();
                long now = state.nanoTime.getAsLong();
                if (token != null && (now - last[0] >= PROGRESS_NANOS || n == total)) {
                    last[0] = now;
                    c.exchange().progressNotification(new McpSchema.ProgressNotification(token, (double) n,
                            (double) total, "run " + n + " of " + total));
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        };
        if (requestId != null) {
            state.runs.onCancel(requestId, () -> cancelled.set(true));
        }
        long started = state.nanoTime.getAsLong();
        SweepResult result;
        try (LocalBackend backend = new LocalBackend(threads)) {
            result = Sweep.run(experiment, backend, progress);
        } catch (ExperimentException | RunFailedException | Backend.SweepCancelled e) {
            throw new ToolError("run_experiment: " + e.getMessage());
        } finally {
            if (requestId != null) {
                state.runs.forget(requestId);
            }
        }
        double seconds = (state.nanoTime.getAsLong() - started) / 1e9;
        Tables.Files files = Tables.write(result, out);
        List<Path> charts = SweepCharts.write(result, out);
        ObjectNode data = data(result, root, files, seconds, threads);
        charts.forEach(f -> data.withArray("charts").add(root.relativize(f).toString()));
        byte[] shown = result.metrics().isEmpty() ? null : SweepCharts.chart(result, result.metrics().getFirst(), 640,
                400);
        return new Tool.Result(data, "experiment '" + experiment.name()
                + "': " + total + " runs (" + result.summaries().size() + " grid points x "
                + experiment.replications() + " replications, " + experiment.steps() + " ticks each) in "
                + Runs.seconds((long) (seconds * 1e9)) + " s on " + threads + " threads; tables "
                + root.relativize(files.runs()) + " and " + root.relativize(files.summary()) + ". Mean and 95% "
                + "interval of each run's value at its final tick (missing: runs with no value there):\n" + SummaryText.of(result) + (charts.isEmpty() ? ""
                : "\ncharts (mean and 95% interval against " + SweepCharts.xParam(experiment) + "): " + String.join(
                ", ", charts.stream().map(f -> root.relativize(f).toString()).toList()) + (shown == null ? ""
                : "; the image shows " + result.metrics().getFirst())), false, shown);
    }

    /** The output folder, confined to the workspace as every file tool's paths are. */
    private Path outDir(String given, String name) {
        String dir = given != null ? given : "experiments/" + name;
        try { // the workspace checks a file path; a file inside the folder checks the folder
            return state.workspace.resolve(dir + "/tables.json").getParent();
        } catch (ToolError e) {
            throw new ToolError("run_experiment: out_dir '" + dir + "': " + e.getMessage()
                    .replace("file_path", "out_dir").replace("/tables.json", ""));
        }
    }

    private static ObjectNode data(SweepResult r, Path root, Tables.Files files, double seconds, int threads) {
        Experiment e = r.experiment();
        ObjectNode out = Json.object().put("experiment", e.name()).put("runs", r.runs().size())
                .put("points", r.summaries().size()).put("replications", e.replications()).put("steps", e.steps())
                .put("seed", e.seed()).put("threads", threads).put("seconds", seconds)
                .put("runs_csv", root.relativize(files.runs()).toString())
                .put("summary_csv", root.relativize(files.summary()).toString())
                .put("statistic", "each run's value of the metric at its final tick (a run without one there "
                        + "counts as missing, never as an earlier value); summary = n runs with a value, missing "
                        + "runs, mean, sample sd and 95% Student-t interval over the point's replications");
        var metrics = out.putArray("metrics");
        r.metrics().forEach(metrics::add);
        var summary = out.putArray("summary");
        for (SweepResult.PointSummary p : r.summaries()) {
            ObjectNode row = summary.addObject().put("point", p.point());
            ObjectNode params = row.putObject("params");
            p.params().forEach(params::set);
            ObjectNode ms = row.putObject("metrics");
            p.metrics().forEach((m, s) -> ms.set(m, sample(s).put("missing", p.missing().get(m))));
        }
        return out;
    }

    private static ObjectNode sample(Statistics.Sample s) {
        ObjectNode o = Json.object().put("n", s.n());
        putNumber(o, "mean", s.mean());
        putNumber(o, "sd", s.sd());
        putNumber(o, "ci95_low", s.ciLow());
        putNumber(o, "ci95_high", s.ciHigh());
        return o;
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
