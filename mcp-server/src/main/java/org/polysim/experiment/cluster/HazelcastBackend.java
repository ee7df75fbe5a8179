package org.polysim.experiment.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.memberselector.MemberSelectors;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.polysim.experiment.Backend;
import org.polysim.experiment.ExperimentException;
import org.polysim.experiment.RunFailedException;
import org.polysim.experiment.RunResult;
import org.polysim.experiment.RunSpec;

/**
 * Farms runs out to the worker members of a Hazelcast cluster. This process joins as a lite member (it holds no
 * data and runs nothing) and submits each run as a task to the cluster's executor, on a worker chosen by Hazelcast.
 * The results are kept here, by run index: when a worker leaves or dies, every run it had (running or queued)
 * fails with "member left" and is submitted again to the workers that remain, so no run is lost, and as each index
 * is filled once, none is counted twice. Runs are deterministic, so a redone run gives the same row.
 */
public final class HazelcastBackend implements Backend {

    private static final long POLL_MILLIS = 50;
    /** How long to wait for a first worker before giving up. */
    private final long workerWaitMillis;
    private final HazelcastInstance member;
    private final IExecutorService executor;
    private final AtomicInteger resubmitted = new AtomicInteger();

    public HazelcastBackend(ClusterConfig config, long workerWaitMillis) {
        this.workerWaitMillis = workerWaitMillis;
        this.member = Hazelcast.newHazelcastInstance(config.hazelcast(true));
        this.executor = member.getExecutorService(ClusterConfig.EXECUTOR);
    }

    /** Runs submitted again because their worker left: each counted once per resubmission. */
    public int resubmitted() {
        return resubmitted.get();
    }

    /** The workers in the cluster now. */
    public List<String> workers() {
        return member.getCluster().getMembers().stream().filter(m -> !m.isLiteMember())
                .map(m -> m.getAddress().getHost() + ":" + m.getAddress().getPort()).toList();
    }

    @Override
    public List<RunResult> run(Batch batch, Progress progress) throws InterruptedException {
        Map<Integer, RunTask> tasks = new LinkedHashMap<>();
        for (RunSpec spec : batch.runs()) {
            tasks.put(spec.index(), new RunTask(batch.definition(), batch.steps(), batch.measure(), spec));
        }
        Map<Integer, Future<RunResult>> pending = new LinkedHashMap<>();
        for (var t : tasks.entrySet()) {
            pending.put(t.getKey(), submit(t.getValue()));
        }
        Map<Integer, RunResult> results = new LinkedHashMap<>();
        try {
            while (!pending.isEmpty()) {
                if (progress.cancelled()) {
                    throw new SweepCancelled(results.size(), tasks.size());
                }
                boolean any = false;
                for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    if (!entry.getValue().isDone()) {
                        continue;
                    }
                    any = true;
                    RunResult r = outcome(entry.getValue());
                    if (r == null) { // its worker left: run it elsewhere
                        resubmitted.incrementAndGet();
                        entry.setValue(submit(tasks.get(entry.getKey())));
                    } else {
                        it.remove();
                        if (results.putIfAbsent(r.index(), r) == null) {
                            progress.runDone(r);
                        }
                    }
                }
                if (!any) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            return new ArrayList<>(results.values());
        } finally {
            pending.values().forEach(f -> f.cancel(true));
        }
    }

    private Future<RunResult> submit(RunTask task) throws InterruptedException {
        long deadline = System.nanoTime() + workerWaitMillis * 1_000_000L;
        while (true) {
            try {
                return executor.submit(task, MemberSelectors.DATA_MEMBER_SELECTOR);
            } catch (RejectedExecutionException noWorker) {
                if (System.nanoTime() > deadline) {
                    throw new ExperimentException("cluster", "no worker in cluster '"
                            + member.getConfig().getClusterName() + "' (members: " + members() + ") after "
                            + workerWaitMillis / 1000 + " s; start one with: polysim worker --cluster "
                            + String.join(",", member.getConfig().getNetworkConfig().getJoin().getTcpIpConfig()
                            .getMembers()));
                }
                Thread.sleep(POLL_MILLIS * 4);
            }
        }
    }

    /** A done run's result, or null when its worker left before it finished. */
    private static RunResult outcome(Future<RunResult> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (workerLeft(cause)) {
                return null;
            }
            if (cause instanceof RunFailedException r) {
                throw new RunFailedException(r.getMessage());
            }
            throw new RunFailedException("a run failed on a worker: " + cause);
        } catch (java.util.concurrent.CancellationException e) {
            return null;
        }
    }

    private static boolean workerLeft(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof TargetNotMemberException) {
                return true;
            }
        }
        return false;
    }

    private String members() {
        return member.getCluster().getMembers().stream().map(Member::toString)
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    @Override
    public void close() {
        member.shutdown();
    }
}
