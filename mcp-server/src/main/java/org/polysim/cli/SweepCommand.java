package org.polysim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.polysim.experiment.Backend;
import org.polysim.experiment.Experiment;
import org.polysim.experiment.ExperimentException;
import org.polysim.experiment.ExperimentReader;
import org.polysim.experiment.LocalBackend;
import org.polysim.experiment.RunFailedException;
import org.polysim.experiment.RunResult;
import org.polysim.experiment.Sweep;
import org.polysim.experiment.SummaryText;
import org.polysim.experiment.SweepResult;
import org.polysim.experiment.Tables;
import org.polysim.experiment.cluster.HazelcastBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polysim sweep EXPERIMENT --out DIR [--threads N] [--backend local|hazelcast --cluster ...]}. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run an experiment (a world over a parameter grid with replications) and write its runs and "
                + "summary tables as CSV.")
final class SweepCommand implements Callable<Integer> {

    enum BackendKind { local, hazelcast }

    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "Experiment file (.yaml, .yml or .json).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for <name>-runs.csv and <name>-summary.csv.")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "Runs at once: local threads, or per worker with --backend hazelcast when the worker "
                    + "gives none. Default: the number of cores.")
    Integer threads;

    @Option(names = "--backend", paramLabel = "KIND", defaultValue = "local",
            description = "local (threads in this process, the default) or hazelcast (the workers of --cluster).")
    BackendKind backend;

    @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
            description = "With --backend hazelcast: members to join (the workers started by polysim worker).")
    String cluster;

    @Mixin
    ClusterOptions clusterOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        int cores = Runtime.getRuntime().availableProcessors();
        Experiment experiment;
        try {
            if (backend == BackendKind.hazelcast && cluster == null) {
                throw new ExperimentException("--cluster", "--backend hazelcast needs the members to join, e.g. "
                        + "--cluster 10.0.0.5:5701,10.0.0.6:5701");
            }
            experiment = new ExperimentReader(null).read(file);
        } catch (ExperimentException e) {
            stderr.println("polysim: " + file + ": " + e.getMessage());
            return 2;
        }
        int total = experiment.runCount();
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        long[] lastReport = {started};
        Backend.Progress progress = new Backend.Progress() {
            @Override
            public void runDone(RunResult result) {
                int n = done.incrementAndGet();
                long now = System.nanoTime();
                if (now - lastReport[0] >= PROGRESS_EVERY_NANOS) {
                    lastReport[0] = now;
                    stderr.printf(Locale.ROOT, "run %d/%d, %.1f s%n", n, total, (now - started) / 1e9);
                    stderr.flush();
                }
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        SweepResult result;
        String where;
        try (Backend b = backend == BackendKind.local ? new LocalBackend(threads != null ? threads : cores)
                : new HazelcastBackend(clusterOptions.config(cluster, null, threads != null ? threads : cores),
                60_000)) {
            where = b instanceof HazelcastBackend h ? "hazelcast, workers " + h.workers()
                    : ((LocalBackend) b).threads() + " local threads";
            result = Sweep.run(experiment, b, progress);
        } catch (ExperimentException e) {
            stderr.println("polysim: " + file + ": " + e.getMessage());
            return 2;
        } catch (RunFailedException e) {
            stderr.println("polysim: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Tables.Files files = Tables.write(result, out);
        List<Path> charts = org.polysim.experiment.SweepCharts.write(result, out);
        stdout.printf(Locale.ROOT, "experiment %s: %d runs (%d points x %d replications) of %d ticks in %.2f s on "
                        + "%s%n%n", experiment.name(), total, result.summaries().size(), experiment.replications(),
                experiment.steps(), seconds, where);
        stdout.print(SummaryText.of(result));
        stdout.println();
        stdout.println("runs:    " + files.runs());
        stdout.println("summary: " + files.summary());
        charts.forEach(f -> stdout.println("chart:   " + f));
        stdout.flush();
        return 0;
    }
}
