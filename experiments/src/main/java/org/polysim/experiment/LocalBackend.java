package org.polysim.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs on {@code threads} local threads, each run in its own world. */
public final class LocalBackend implements Backend {

    private static final long POLL_MILLIS = 100;

    private final ExecutorService pool;
    private final int threads;

    public LocalBackend(int threads) {
        if (threads < 1) {
            throw new ExperimentException("threads", "must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform().daemon()
                .name("polysim-sweep-", 0).unstarted(r));
    }

    public int threads() {
        return threads;
    }

    @Override
    public List<RunResult> run(Batch batch, Progress progress) throws InterruptedException {
        CompletionService<RunResult> done = new ExecutorCompletionService<>(pool);
        List<Future<RunResult>> futures = new ArrayList<>();
        for (RunSpec spec : batch.runs()) {
            futures.add(done.submit(() -> SingleRun.run(batch.definition(), batch.steps(), batch.measure(), spec)));
        }
        List<RunResult> results = new ArrayList<>();
        try {
            while (results.size() < futures.size()) {
                if (progress.cancelled()) {
                    throw new SweepCancelled(results.size(), futures.size());
                }
                Future<RunResult> f = done.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (f != null) {
                    RunResult r = unwrap(f);
                    results.add(r);
                    progress.runDone(r);
                }
            }
            return results;
        } finally {
            futures.forEach(f -> f.cancel(true)); // no-op for completed runs; stops the rest on failure or cancel
        }
    }

    private static RunResult unwrap(Future<RunResult> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new RunFailedException("a run failed: " + e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
