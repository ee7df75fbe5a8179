package org.polysim.lang.graal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.polysim.engine.spi.HeapGuard;

/**
 * Stops guest calls from outside: a call that outlives its wall-clock budget is interrupted (then cancelled), and
 * at a {@link HeapGuard} alarm every running call is cancelled: community GraalVM has no per-context heap cap, so
 * this keeps one script from taking the server down.
 */
final class Watchdog {

    /** How often running calls are checked against their deadlines. */
    private static final long TICK_MILLIS = 10;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "polysim-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        HeapGuard.onAlarm(() -> RUNNING.forEach(r -> TIMER.execute(() -> r.halt(Stop.MEMORY))));
        // one periodic check instead of a timer per call: calls are many and short, so this is far cheaper
        TIMER.scheduleWithFixedDelay(Watchdog::checkDeadlines, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void checkDeadlines() {
        long now = System.nanoTime();
        for (Running r : RUNNING) {
            if (now - r.deadline > 0 && r.stop == Stop.NONE) {
                r.halt(Stop.TIMEOUT);
            }
        }
    }

    /** Why a call was stopped from outside. */
    enum Stop { NONE, TIMEOUT, MEMORY }

    /** One call in progress. */
    static final class Running implements AutoCloseable {
        private final Context context;
        private final long deadline;
        private volatile Stop stop = Stop.NONE;

        private Running(Context context, long wallMillis) {
            this.context = context;
            this.deadline = System.nanoTime() + wallMillis * 1_000_000L;
        }

        Stop stop() {
            return stop;
        }

        private void halt(Stop why) {
            if (!RUNNING.contains(this)) {
                return; // finished meanwhile
            }
            stop = why;
            try {
                context.interrupt(Duration.ofMillis(500));
            } catch (Exception e) { // did not stop in time (or cannot be interrupted): cancel it
                context.close(true);
            }
        }

        @Override
        public void close() {
            RUNNING.remove(this);
        }
    }

    private Watchdog() {}

    static Running start(Context context, long wallMillis) {
        Running r = new Running(context, wallMillis);
        RUNNING.add(r);
        return r;
    }

}
