package org.polysim.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long calls in progress: each world's {@code advance_simulation} ({@link Run}), found by world and by the
 * request that started it, and how to stop a call that is not a world's run ({@code run_experiment}), so a client's
 * {@code notifications/cancelled} reaches either. Threads and progress are the callers'; this is the register.
 */
final class Runs {

    private final Map<String, Run> byWorld = new ConcurrentHashMap<>();
    private final Map<String, Run> byRequest = new ConcurrentHashMap<>();
    /** How to stop a call in progress that is not a world's run (run_experiment), by request id. */
    private final Map<String, Runnable> cancelHooks = new ConcurrentHashMap<>();

    /** An {@code advance_simulation} in progress: what it was asked, and whether its client cancelled it. */
    static final class Run {
        final String world;
        final String requestId;
        final long fromTick;
        final long toTick;
        final long startedNanos;
        volatile boolean cancelled;
        /** Ticks completed so far (a failed run keeps the ones before its failure). */
        volatile long done;
        /** Running, then either finished by its thread or abandoned by its caller, whichever comes first. */
        private final java.util.concurrent.atomic.AtomicInteger end = new java.util.concurrent.atomic
                .AtomicInteger();

        /** The run's thread is done with it; false when its caller had given up on it first. */
        boolean finish() {
            return end.compareAndSet(0, 1);
        }

        /** The caller gives up on the run; false when it had finished meanwhile. */
        boolean abandon() {
            return end.compareAndSet(0, 2);
        }

        boolean abandoned() {
            return end.get() == 2;
        }

        Run(String world, String requestId, long fromTick, long toTick, long startedNanos) {
            this.world = world;
            this.requestId = requestId;
            this.fromTick = fromTick;
            this.toTick = toTick;
            this.startedNanos = startedNanos;
        }
    }

    /** {@code run} is in progress (its world's lock is held). */
    void start(Run run) {
        byWorld.put(run.world, run);
        if (run.requestId != null) {
            byRequest.put(run.requestId, run);
        }
    }

    /** {@code run} is over. */
    void end(Run run) {
        byWorld.remove(run.world);
        if (run.requestId != null) {
            byRequest.remove(run.requestId);
        }
    }

    /** The run in progress on world {@code name}, or null. */
    Run of(String name) {
        return byWorld.get(name);
    }

    /** While a call that is not a world's run serves {@code requestId}, cancelling it runs {@code hook}. */
    void onCancel(String requestId, Runnable hook) {
        cancelHooks.put(requestId, hook);
    }

    /** The call of {@code requestId} is over: nothing to cancel any more. */
    void forget(String requestId) {
        cancelHooks.remove(requestId);
    }

    /** A client cancelled request {@code requestId}; a run it started stops after its current tick. */
    void cancel(String requestId) {
        Run run = byRequest.get(requestId);
        if (run != null) {
            run.cancelled = true;
        }
        Runnable hook = cancelHooks.get(requestId);
        if (hook != null) {
            hook.run();
        }
    }

    /** A duration for a person: seconds with one decimal. */
    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
