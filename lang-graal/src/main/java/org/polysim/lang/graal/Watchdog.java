package org.polysim.lang.graal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.polysim.engine.guard.Allocations;
import org.polysim.engine.guard.HeapGuard;

/**
 * Stops guest calls from outside: a call that outlives its wall-clock budget, or allocates more than its
 * allocation budget (the JVM counts bytes per thread, and a guest call runs on its caller's thread), is interrupted
 * (then cancelled); at a {@link HeapGuard} alarm every running call is cancelled. Community GraalVM has no
 * per-context heap cap, so this keeps one script from taking the server down. A call stuck in a builtin (host code,
 * with no safepoint) stops only when the builtin returns; the MCP server gives up on such a run meanwhile.
 */
final class Watchdog {

    /** How often running calls are checked against their deadlines. */
    private static final long TICK_MILLIS = 10;

    /**
     * Where calls are stopped: interrupting waits up to half a second and cancelling a context stuck in a builtin
     * waits until the builtin returns, so neither may hold up the checking thread (other calls' deadlines).
     */
    private static final ExecutorService STOPPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "polysim-stopper");
        t.setDaemon(true);
        return t;
    });
    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // only calls already running when the confirming collection began: a later one did not fill that heap
        HeapGuard.onAlarm(() -> RUNNING.forEach(r -> {
            if (HeapGuard.ranDuringLatestAlarm(r.started)) {
                r.halt(Stop.MEMORY);
            }
        }));
        // one checking thread instead of a timer per call: calls are many and short, so this is far cheaper
        Thread.ofPlatform().daemon().name("polysim-watchdog").start(Watchdog::checkForever);
    }

    /**
     * Checks running calls every {@link #TICK_MILLIS} for good. A loop rather than a scheduled periodic task: while a
     * script fills the heap an OutOfMemoryError can strike this thread too, and an executor drops a periodic task
     * whose run throws; then no call was ever stopped again (a later runaway script ran for good in CI). The handler
     * allocates nothing, so it cannot throw again.
     */
    private static void checkForever() {
        while (true) {
            try {
                Thread.sleep(TICK_MILLIS);
                checkDeadlines();
            } catch (Throwable t) { // OutOfMemoryError included: the next round may find the heap freed
                if (t instanceof InterruptedException) {
                    return;
                }
            }
        }
    }

    private static void checkDeadlines() {
        long now = System.nanoTime();
        for (Running r : RUNNING) {
            if (r.stop != Stop.NONE) {
                continue;
            }
            Budget b = r.budget; // one read: a restart swaps deadline and allocation start together
            if (now - b.deadline() > 0) {
                r.halt(Stop.TIMEOUT);
            } else if (Allocations.of(r.thread) - b.allocStart() > r.allocBytes) {
                r.halt(Stop.ALLOCATION);
            }
        }
    }

    /** Why a call was stopped from outside. */
    enum Stop { NONE, TIMEOUT, MEMORY, ALLOCATION }

    /** When the update in progress runs out of time, and the thread's allocation count when it began. */
    private record Budget(long deadline, long allocStart) {
        static Budget from(long wallNanos) {
            return new Budget(System.nanoTime() + wallNanos, Allocations.current());
        }
    }

    /** One call in progress: one update, or a run of updates each with budgets of its own. */
    static final class Running implements AutoCloseable {
        private final Context context;
        private final long wallNanos;
        private final long thread = Thread.currentThread().threadId(); // a guest call runs on its caller's thread
        /** When the call began ({@link System#nanoTime}), for alarms confirmed before it. */
        private final long started = System.nanoTime();
        private final long allocBytes;
        private volatile Budget budget;
        private volatile Stop stop = Stop.NONE;
        /** The stopper at work on this call, once it is being stopped. */
        private volatile Future<?> stopping;

        private Running(Context context, long wallMillis, long allocBytes) {
            this.context = context;
            this.wallNanos = wallMillis * 1_000_000L;
            this.allocBytes = allocBytes;
            this.budget = Budget.from(wallNanos);
        }

        /** The next update of a run begins: its wall-clock and allocation budgets start now. */
        void restart() {
            budget = Budget.from(wallNanos);
        }

        Stop stop() {
            return stop;
        }

        /**
         * On the calling thread, as the call ends: waits for the stopper, if this call was stopped, and clears the
         * interrupt it may have left on this thread. Stopping a context interrupts the threads in it, and one that
         * arrives after the call has returned would fail the thread's next guest call, in another context ("Thread
         * was interrupted" at its first statement: seen in CI, in the update after a heap hog's). Also when the call
         * returned normally just as it was stopped.
         */
        private void settle() {
            Future<?> s = stopping;
            if (s == null) {
                return;
            }
            try {
                s.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the stopper failed or hangs (or this wait was interrupted): nothing more to wait for
            }
            Thread.interrupted();
        }

        private void halt(Stop why) {
            if (!RUNNING.contains(this) || stop != Stop.NONE) {
                return; // finished meanwhile, or already being stopped
            }
            stop = why;
            try {
                stopping = STOPPERS.submit(() -> {
                    try {
                        context.interrupt(Duration.ofMillis(500));
                    } catch (Exception e) { // did not stop in time (or cannot be interrupted): cancel it
                        cancel(context);
                    }
                });
            } catch (Throwable t) { // no thread to stop it with (the heap is full): the next check tries again
                stop = Stop.NONE;
                throw t;
            }
        }

        @Override
        public void close() {
            RUNNING.remove(this);
            settle();
        }
    }

    private Watchdog() {}

    private static void cancel(Context context) {
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // already closed
        }
    }

    static Running start(Context context, long wallMillis, long allocBytes) {
        Running r = new Running(context, wallMillis, allocBytes);
        RUNNING.add(r);
        return r;
    }

}
