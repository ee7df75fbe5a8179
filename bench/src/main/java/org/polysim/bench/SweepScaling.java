package org.polysim.bench;

import java.nio.file.Path;
import org.polysim.experiment.Backend;
import org.polysim.experiment.Experiment;
import org.polysim.experiment.ExperimentReader;
import org.polysim.experiment.LocalBackend;
import org.polysim.experiment.Sweep;
import org.polysim.experiment.SweepResult;
import org.polysim.experiment.Tables;
import tools.jackson.databind.node.ObjectNode;

/**
 * An experiment on 1 and on 2 local threads, alternating (1, 2, 1, 2 after one untimed warm-up run on 1 thread), in
 * one fresh process: how a sweep scales with cores, and a check that the runs table is the same bit for bit.
 *
 * <p>usage: {@code SweepScaling EXPERIMENT_FILE ROUNDS}. Prints one line, {@code RESULT <json>}.
 */
public final class SweepScaling {

    private SweepScaling() {}

    public static void main(String[] args) throws Exception {
        Experiment e = new ExperimentReader(null).read(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        String table = Tables.runs(sweep(e, 1));
        ObjectNode out = Workload.JSON.createObjectNode().put("experiment", e.name()).put("runs", e.runCount())
                .put("steps", e.steps());
        var one = out.putArray("threads_1_ms");
        var two = out.putArray("threads_2_ms");
        boolean same = true;
        for (int r = 0; r < rounds; r++) {
            for (int threads = 1; threads <= 2; threads++) {
                long t = System.nanoTime();
                SweepResult result = sweep(e, threads);
                (threads == 1 ? one : two).add((System.nanoTime() - t) / 1e6);
                same &= Tables.runs(result).equals(table);
            }
        }
        out.put("identical_tables", same);
        System.out.println("RESULT " + out);
    }

    private static SweepResult sweep(Experiment e, int threads) throws Exception {
        try (LocalBackend backend = new LocalBackend(threads)) {
            return Sweep.run(e, backend, Backend.Progress.NONE);
        }
    }
}
