package org.polysim.lang.graal;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread one context's guest code runs on, so that a call stuck in a builtin can be left behind.
 *
 * <p>The watchdog stops guest code at its next safepoint, but a builtin running host code (a BigInt power, a huge
 * number printed as text) reaches none until it returns, which can be a minute later. The caller therefore waits
 * for each call at most until a deadline; past it the thread is <em>abandoned</em>: the caller gets
 * {@link Abandoned} at once, and the thread finishes its builtin in the background (its context already cancelled)
 * and then ends. Abandoned threads still running are counted, and {@link #start} refuses a new one while
 * {@link #MAX_ABANDONED} are, so runaways cannot pile up and eat every core.
 *
 * <p>The hand-over goes through {@link LinkedTransferQueue}s, which spin briefly before parking: a guest call is
 * often a few microseconds, and parking both sides for each one would cost more than the call.
 */
final class GuestThread {

    /** Most abandoned threads still running builtins in this process before new guest threads are refused. */
    static final int MAX_ABANDONED = 4;
    private static final Abandonments PROCESS = new Abandonments(MAX_ABANDONED);
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** Abandoned threads still running, counted against a maximum (one count per process; tests make their own). */
    static final class Abandonments {
        private final int max;
        private final AtomicInteger running = new AtomicInteger();

        Abandonments(int max) {
            this.max = max;
        }

        int running() {
            return running.get();
        }
    }

    /** The caller stopped waiting for a call; the thread is abandoned. */
    static final class Abandoned extends Exception {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    /** A call's outcome: its value, or what it threw. */
    private record Outcome(Object value, Throwable failure) {}

    /** Put after the last call: the thread ends when it reaches it. */
    private static final Callable<Object> END = () -> null;

    private final LinkedTransferQueue<Callable<?>> calls = new LinkedTransferQueue<>();
    private final LinkedTransferQueue<Outcome> outcomes = new LinkedTransferQueue<>();
    private final Thread thread;
    private final Abandonments abandonments;
    private volatile boolean abandoned;

    private GuestThread(String name, Abandonments abandonments) {
        this.abandonments = abandonments;
        thread = Thread.ofPlatform().daemon().name(name + "-" + NAMES.incrementAndGet()).unstarted(this::serve);
        thread.start();
    }

    /**
     * A new guest thread named after what it runs.
     *
     * @throws IllegalStateException when {@link #MAX_ABANDONED} abandoned threads are still running
     */
    static GuestThread start(String name) {
        return start(name, PROCESS);
    }

    static GuestThread start(String name, Abandonments abandonments) {
        int stuck = abandonments.running();
        if (stuck >= abandonments.max) {
            throw new IllegalStateException(stuck + " earlier calls are still stuck in builtins that could not be "
                    + "interrupted (abandoned after their wall-clock budgets); no new script contexts start until one "
                    + "of them ends. Retry in a while, and avoid giant numbers, strings or sorts in scripts");
        }
        return new GuestThread(name, abandonments);
    }

    /**
     * Runs {@code call} on this thread and returns its value, or throws what it threw; waits until
     * {@code deadlineNanos} ({@link System#nanoTime()} scale) at most, then abandons the thread.
     */
    @SuppressWarnings("unchecked")
    <T, E extends Exception> T call(Callable<T> call, long deadlineNanos, Class<E> thrown) throws E, Abandoned {
        if (abandoned) {
            throw new IllegalStateException("guest thread abandoned");
        }
        calls.put(call);
        Outcome o;
        try {
            long wait = deadlineNanos - System.nanoTime();
            o = wait > 0 ? outcomes.poll(wait, TimeUnit.NANOSECONDS) : outcomes.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o = null;
        }
        if (o == null) {
            abandoned = true;
            abandonments.running.incrementAndGet();
            calls.put(END);
            throw new Abandoned();
        }
        if (o.failure == null) {
            return (T) o.value;
        }
        if (thrown.isInstance(o.failure)) {
            throw thrown.cast(o.failure);
        }
        if (o.failure instanceof RuntimeException r) {
            throw r;
        }
        if (o.failure instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(o.failure);
    }

    /** Ends the thread after its last call (the context is closed). */
    void stop() {
        if (!abandoned) {
            calls.put(END);
        }
    }

    private void serve() {
        try {
            for (Callable<?> c = calls.take(); c != END; c = calls.take()) {
                Outcome o;
                try {
                    o = new Outcome(c.call(), null);
                } catch (Throwable t) { // handed to the caller, which rethrows it
                    o = new Outcome(null, t);
                }
                outcomes.put(o);
            }
        } catch (InterruptedException unexpected) {
            // nothing interrupts this thread; end it
        } finally {
            if (abandoned) {
                abandonments.running.decrementAndGet();
            }
        }
    }
}
