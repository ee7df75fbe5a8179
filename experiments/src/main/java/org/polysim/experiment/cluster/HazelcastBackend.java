package org.polysim.experiment.cluster;

import com.hazelcast.cluster.Member;
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
 * data and runs nothing) and submits each run as a task to the cluster's executor, on the worker given the fewest.
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
    /** Runs submitted to each worker, to spread them evenly. */
    private final Map<java.util.UUID, Integer> submitted = new java.util.concurrent.ConcurrentHashMap<>();

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

    /** A run submitted to a worker: which, and how many times it failed there without the worker leaving. */
    private record Attempt(Future<RunResult> future, Member worker, int failures) {
    }

    @Override
    public List<RunResult> run(Batch batch, Progress progress) throws InterruptedException {
        Map<Integer, RunTask> tasks = new LinkedHashMap<>();
        for (RunSpec spec : batch.runs()) {
            tasks.put(spec.index(), new RunTask(batch.definition(), batch.steps(), batch.measure(), spec));
        }
        Map<Integer, Attempt> pending = new LinkedHashMap<>();
        for (var t : tasks.entrySet()) {
            pending.put(t.getKey(), submit(t.getValue(), null, 0));
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
                    Attempt a = entry.getValue();
                    if (!a.future().isDone()) {
                        continue;
                    }
                    any = true;
                    try {
                        RunResult r = a.future().get();
                        it.remove();
                        if (results.putIfAbsent(r.index(), r) == null) {
                            progress.runDone(r);
                        }
                    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                        entry.setValue(retry(tasks.get(entry.getKey()), a, e));
                    }
                }
                if (!any) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            return new ArrayList<>(results.values());
        } finally {
            pending.values().forEach(a -> a.future().cancel(true));
        }
    }

    /**
     * A run that failed is run again elsewhere when its worker left (or is leaving: a worker shutting down fails
     * the runs it had), and once more when it failed on a worker still there; a run that fails twice on workers that
     * stayed failed for a reason of its own (a script error: runs are deterministic), which stops the sweep.
     */
    private Attempt retry(RunTask task, Attempt failed, Exception e) throws InterruptedException {
        Throwable cause = e instanceof ExecutionException x && x.getCause() != null ? x.getCause() : e;
        boolean left = workerLeft(cause) || !member.getCluster().getMembers().contains(failed.worker());
        if (left || failed.failures() == 0) {
            resubmitted.incrementAndGet();
            return submit(task, failed.worker(), left ? failed.failures() : failed.failures() + 1);
        }
        throw cause instanceof RunFailedException r ? new RunFailedException(r.getMessage())
                : new RunFailedException("run " + task.spec().index() + " failed on worker " + failed.worker()
                + ": " + cause);
    }

    /** Submits to the worker with the fewest runs submitted so far, avoiding {@code not} while another exists. */
    private Attempt submit(RunTask task, Member not, int failures) throws InterruptedException {
        long deadline = System.nanoTime() + workerWaitMillis * 1_000_000L;
        while (true) {
            List<Member> workers = member.getCluster().getMembers().stream().filter(m -> !m.isLiteMember())
                    .toList();
            List<Member> others = workers.stream().filter(m -> !m.equals(not)).toList();
            List<Member> choice = others.isEmpty() ? workers : others;
            if (!choice.isEmpty()) {
                Member target = choice.stream().min(java.util.Comparator.comparingInt(m -> submitted
                        .getOrDefault(m.getUuid(), 0))).orElseThrow();
                submitted.merge(target.getUuid(), 1, Integer::sum);
                try {
                    return new Attempt(executor.submitToMember(task, target), target, failures);
                } catch (RejectedExecutionException | TargetNotMemberException gone) {
                    // it left between the listing and the submission: choose again
                }
            } else if (System.nanoTime() > deadline) {
                throw new ExperimentException("cluster", "no worker in cluster '"
                        + member.getConfig().getClusterName() + "' (members: " + members() + ") after "
                        + workerWaitMillis / 1000 + " s; start one with: polysim worker --cluster "
                        + String.join(",", member.getConfig().getNetworkConfig().getJoin().getTcpIpConfig()
                        .getMembers()));
            } else {
                Thread.sleep(POLL_MILLIS * 4);
            }
        }
    }

    private static boolean workerLeft(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof TargetNotMemberException
                    || c instanceof com.hazelcast.core.HazelcastInstanceNotActiveException) {
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
