package org.polysim.engine.guard;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by a thread so far, as the JVM counts them. A script call runs on one thread, so the difference
 * over the call is what that call allocated: a per-call allocation budget ({@code limits.alloc_mb}) that stops a
 * memory hog in its own world's tick, long before the JVM-wide {@link HeapGuard} would stop every world's calls.
 */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    /** Bytes the calling thread has allocated since it started. */
    public static long current() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes thread {@code threadId} has allocated since it started, or -1 if it is gone. */
    public static long of(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId);
    }

    /** The error text for a call that allocated more than its budget. */
    public static String overBudget(long allocMb) {
        return "allocated more than " + allocMb + " MB in a single update or init (limits.alloc_mb); is the script "
                + "building ever larger data? Keep less in e.state, or raise limits.alloc_mb";
    }
}
