package org.polysim.engine;

/**
 * Per-world resource limits for scripts, set under {@code limits} in a world file. Every field has a safe default.
 *
 * @param instructions per {@code update}/{@code init} call: VM instructions (Lua) or statements (JS, Python)
 * @param wallMillis   per call, wall-clock milliseconds; backs the instruction budget for time spent in builtins
 * @param callDepth    maximum nested script calls, so deep recursion is an error instead of a stack overflow
 * @param stringBytes  largest string a script may build with repetition builtins
 * @param logLines     lines of the world log kept (oldest dropped first)
 * @param maxEntities  live entities a world may hold; stops runaway spawning
 * @param messageHistory delivered messages kept for inspection (oldest dropped first)
 * @param allocMb     per call, megabytes a script may allocate (garbage included): a memory hog fails its own
 *                    world's tick instead of starving the server
 */
public record Limits(long instructions, long wallMillis, int callDepth, int stringBytes, int logLines,
                     int maxEntities, int messageHistory, long allocMb) {

    public static final Limits DEFAULTS = new Limits(1_000_000, 2_000, 200, 1 << 20, 10_000, 1_000_000, 1_000,
            1024);

    public Limits {
        positive("instructions", instructions);
        positive("wall_ms", wallMillis);
        positive("call_depth", callDepth);
        positive("string_bytes", stringBytes);
        positive("log_lines", logLines);
        positive("max_entities", maxEntities);
        positive("message_history", messageHistory);
        positive("alloc_mb", allocMb);
    }

    /** {@link #allocMb} in bytes. */
    public long allocBytes() {
        return allocMb << 20;
    }

    /** The part of these limits a controller enforces on each call. */
    public org.polysim.engine.spi.CallLimits perCall() {
        return new org.polysim.engine.spi.CallLimits(instructions, wallMillis, callDepth, stringBytes, allocMb);
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("limits." + field + " must be a positive whole number, got " + value);
        }
    }
}
