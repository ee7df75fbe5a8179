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
import java.util.concurrent.ScheduledFuture;
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

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "polysim-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        installHeapGuard();
    }

    /** Why a call was stopped from outside. */
    enum Stop { NONE, TIMEOUT, MEMORY }

    /** One call in progress. */
    static final class Running implements AutoCloseable {
        private final Context context;
        private final ScheduledFuture<?> timer;
        private volatile Stop stop = Stop.NONE;

        private Running(Context context, long wallMillis) {
            this.context = context;
            this.timer = TIMER.schedule(() -> halt(Stop.TIMEOUT), wallMillis, TimeUnit.MILLISECONDS);
        }

        Stop stop() {
            return stop;
        }

        private void halt(Stop why) {
            stop = why;
            try {
                context.interrupt(Duration.ofMillis(500));
            } catch (Exception e) { // did not stop in time (or cannot be interrupted): cancel it
                context.close(true);
            }
        }

        @Override
        public void close() {
            timer.cancel(false);
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
