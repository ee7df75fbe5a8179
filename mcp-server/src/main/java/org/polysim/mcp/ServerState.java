package org.polysim.mcp;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.polysim.engine.World;
import org.polysim.engine.WorldRegistry;

/**
 * Everything the tools share: the worlds, their snapshots, the workspace, one lock per world name, the runs in
 * progress, and the response budget.
 *
 * <p>A world is held for the whole of an {@code advance_simulation}, which may take minutes. Other calls on that
 * world wait at most {@link #BUSY_WAIT_MS} and are then told it is running, at which tick and how to stop it;
 * calls on other worlds, and {@code list_worlds}, never wait for it.
 */
final class ServerState {

    /** How long a call waits for a world held by a run before it answers that the world is busy. */
    static final long BUSY_WAIT_MS = 1000;
    /** Default most bytes of one tool response (text and structured content together). */
    static final int DEFAULT_RESPONSE_BYTES = 64 * 1024;

    final WorldRegistry worlds = new WorldRegistry();
    final Snapshots snapshots = new Snapshots();
    final Workspace workspace;
    final int responseBytes;
    /** The clock run durations are measured with (injected so tests need not wait). */
    final LongSupplier nanoTime;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, Run> runsByRequest = new ConcurrentHashMap<>();

    ServerState(Workspace workspace) {
        this(workspace, DEFAULT_RESPONSE_BYTES, System::nanoTime);
    }

    ServerState(Workspace workspace, int responseBytes, LongSupplier nanoTime) {
        this.workspace = workspace;
        this.responseBytes = responseBytes;
        this.nanoTime = nanoTime;
    }

    /** An {@code advance_simulation} in progress: what it was asked, and whether its client cancelled it. */
    static final class Run {
        final String world;
        final String requestId;
        final long fromTick;
        final long toTick;
        final long startedNanos;
        volatile boolean cancelled;

        Run(String world, String requestId, long fromTick, long toTick, long startedNanos) {
            this.world = world;
            this.requestId = requestId;
            this.fromTick = fromTick;
            this.toTick = toTick;
            this.startedNanos = startedNanos;
        }
    }

    /** Runs {@code work} holding the lock of world {@code name}: calls on one world never interleave. */
    <T> T locked(String name, Callable<T> work) throws Exception {
        return lockedOr(name, work, run -> {
            throw new ToolError(busy(run));
        });
    }

    /** As {@link #locked(String, Callable)}, answering {@code whenBusy} if a run holds the world. */
    <T> T lockedOr(String name, Callable<T> work, java.util.function.Function<Run, T> whenBusy) throws Exception {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        if (!lock.tryLock(BUSY_WAIT_MS, TimeUnit.MILLISECONDS)) {
            Run run = runs.get(name);
            if (run != null) {
                return whenBusy.apply(run);
            }
            lock.lock(); // held by a short call (a create, a copy): worth waiting for
        }
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    /** Holds two world locks in a fixed order (copy_world), so two copies cannot deadlock. */
    <T> T locked(String a, String b, Callable<T> work) throws Exception {
        if (a.equals(b)) {
            return locked(a, work);
        }
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        return locked(first, () -> locked(second, work));
    }

    /** Registers a run of world {@code name} while {@code work} runs it (under the world's lock). */
    <T> T running(Run run, Callable<T> work) throws Exception {
        runs.put(run.world, run);
        if (run.requestId != null) {
            runsByRequest.put(run.requestId, run);
        }
        try {
            return work.call();
        } finally {
            runs.remove(run.world);
            if (run.requestId != null) {
                runsByRequest.remove(run.requestId);
            }
        }
    }

    /** The run in progress on world {@code name}, or null. */
    Run run(String name) {
        return runs.get(name);
    }

    /** A client cancelled request {@code requestId}; a run it started stops after its current tick. */
    void cancel(String requestId) {
        Run run = runsByRequest.get(requestId);
        if (run != null) {
            run.cancelled = true;
        }
    }

    /** What a call on a running world is told instead of waiting for the whole run. */
    String busy(Run run) {
        World w = worlds.contains(run.world) ? world(run.world) : null;
        long tick = w == null ? run.fromTick : w.status().tick();
        return "world '" + run.world + "' is busy: advance_simulation is running it, at tick " + tick + " of "
                + run.toTick + " (started at tick " + run.fromTick + ", " + seconds(nanoTime.getAsLong()
                - run.startedNanos) + " s ago). Calls on other worlds are answered meanwhile. Wait for the run "
                + "to return (it stops by itself at its max_seconds), or cancel its request; list_worlds shows "
                + "its progress.";
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    World world(String name) {
        try {
            return worlds.get(name);
        } catch (IllegalArgumentException e) {
            throw new ToolError(e.getMessage());
        }
    }
}
