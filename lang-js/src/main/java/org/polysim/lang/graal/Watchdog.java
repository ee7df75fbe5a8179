package org.polysim.lang.graal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.NotificationEmitter;
import org.graalvm.polyglot.Context;

/**
 * Stops guest calls from outside: a call that outlives its wall-clock budget is interrupted (then cancelled), and
 * when live heap after a collection passes {@link #HEAP_FRACTION} of the maximum, every running call is cancelled.
 * Community GraalVM has no per-context heap cap, so this keeps one script from taking the server down.
 */
final class Watchdog {

    static final double HEAP_FRACTION = 0.7;

    /** How often running calls are checked against their deadlines. */
    private static final long TICK_MILLIS = 10;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "polysim-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        installHeapGuard();
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

    private static void installHeapGuard() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0
                    && pool.getName().toLowerCase(java.util.Locale.ROOT).contains("old")) {
                pool.setCollectionUsageThreshold((long) (max * HEAP_FRACTION));
            }
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((n, handback) -> {
            if (n.getType().equals(MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED)) {
                for (Running r : RUNNING) {
                    TIMER.execute(() -> r.halt(Stop.MEMORY));
                }
            }
        }, null, null);
    }
}
