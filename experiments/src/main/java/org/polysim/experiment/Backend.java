package org.polysim.experiment;

import java.util.List;

/**
 * Where the runs of an experiment execute: local threads ({@link LocalBackend}) or a cluster
 * ({@link org.polysim.experiment.cluster.HazelcastBackend}). A backend returns one result per run whatever the
 * order runs complete in; results depend only on the runs, never on the backend.
 */
public interface Backend extends AutoCloseable {

    /**
     * Runs every run of {@code batch} and returns their results, in any order.
     *
     * @throws RunFailedException when a run fails (the others are stopped)
     * @throws SweepCancelled     when {@code progress} says so
     */
    List<RunResult> run(Batch batch, Progress progress) throws InterruptedException;

    /** What a worker needs for the runs: the definition (JSON), the ticks, the metrics to keep, and the runs. */
    record Batch(String definition, long steps, List<String> measure, List<RunSpec> runs) {
        public Batch {
            measure = List.copyOf(measure);
            runs = List.copyOf(runs);
        }
    }

    /** Told of each completed run; asked whether to stop. */
    interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void runDone(RunResult result) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        /** A run completed (called from any thread, one call at a time). */
        void runDone(RunResult result);

        boolean cancelled();
    }

    /** A sweep stopped because its caller asked; nothing is written. */
    final class SweepCancelled extends RuntimeException {
        public SweepCancelled(int done, int total) {
            super("the experiment was cancelled after " + done + " of " + total + " runs; nothing was written",
                    null, false, false);
        }
    }

    @Override
    void close();
}
