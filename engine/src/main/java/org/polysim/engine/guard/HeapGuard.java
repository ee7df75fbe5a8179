package org.polysim.engine.guard;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;

/**
 * Raises an alarm when live heap after a collection passes {@link #FRACTION} of the maximum, so language modules
 * can stop the script that is filling it before the whole server runs out of memory (no script engine here offers a
 * per-context heap cap). Controllers either poll {@link #alarms()} (Lua, from its instruction hook) or register a
 * listener (GraalVM, which cancels running contexts).
 */
public final class HeapGuard {

    /** Share of the maximum heap that live data may reach before running scripts are stopped. */
    public static final double FRACTION = 0.7;

    private static final AtomicLong ALARMS = new AtomicLong();
    /**
     * {@link System#nanoTime} when the full collection that confirmed the latest alarm began: a call that started
     * later cannot have filled the heap that collection measured. Alarms queue up while a hog is stopped, and one
     * confirmed before the hog's memory was freed used to stop the next, innocent call (seen in CI: the update after
     * a heap hog's failed "short of memory").
     */
    private static volatile long evidenceSince = Long.MIN_VALUE;
    private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();

    private static final List<MemoryPoolMXBean> OLD_POOLS = new CopyOnWriteArrayList<>();

    static {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0
                    && pool.getName().toLowerCase(Locale.ROOT).contains("old")) {
                pool.setCollectionUsageThreshold((long) (max * FRACTION));
                OLD_POOLS.add(pool);
            }
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((n, handback) -> {
            if (n.getType().equals(MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED) && stillFull()) {
                ALARMS.incrementAndGet();
                LISTENERS.forEach(Runnable::run);
            }
        }, null, null);
    }

    /**
     * A young collection reports old-generation usage that still includes dead objects, so an alarm is confirmed
     * after a full collection: only live data counts. Alarms are rare, so the pause is affordable.
     */
    private static boolean stillFull() {
        long began = System.nanoTime();
        System.gc();
        for (MemoryPoolMXBean pool : OLD_POOLS) {
            var usage = pool.getCollectionUsage();
            if (usage != null && usage.getUsed() > pool.getCollectionUsageThreshold()) {
                evidenceSince = began;
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a call that started at {@code startedNanos} ({@link System#nanoTime}) must stop: an alarm was raised
     * after {@code alarmsAtStart} alarms, confirmed by a collection that began after the call did (so the call may
     * be what fills the heap).
     */
    public static boolean stops(long alarmsAtStart, long startedNanos) {
        return ALARMS.get() != alarmsAtStart && evidenceSince - startedNanos > 0;
    }

    /** Whether a call that started at {@code startedNanos} was running when the latest alarm's collection began. */
    public static boolean ranDuringLatestAlarm(long startedNanos) {
        return evidenceSince - startedNanos > 0;
    }

    private HeapGuard() {}

    /** How many alarms have been raised so far; a script started before a change has to stop. */
    public static long alarms() {
        return ALARMS.get();
    }

    /** Runs {@code listener} (on a JVM notification thread) at each alarm. */
    public static void onAlarm(Runnable listener) {
        LISTENERS.add(listener);
    }
}
