package org.polysim.engine.spi;

/**
 * What a controller enforces on each {@code init} and {@code update} call; the engine derives it from the world's
 * {@code limits} (the rest of which, log and population caps, the engine keeps itself).
 *
 * @param instructions VM instructions (Lua) or statements (JS, Python) per call
 * @param wallMillis   wall-clock milliseconds per call; backs the instruction budget for time spent in builtins
 * @param callDepth    nested script calls, so deep recursion is an error instead of a stack overflow
 * @param stringBytes  largest string a script may build with repetition builtins
 * @param allocMb      megabytes a call may allocate, garbage included
 */
public record CallLimits(long instructions, long wallMillis, int callDepth, int stringBytes, long allocMb) {

    public CallLimits {
        if (instructions <= 0 || wallMillis <= 0 || callDepth <= 0 || stringBytes <= 0 || allocMb <= 0) {
            throw new IllegalArgumentException("call limits must be positive: " + this);
        }
    }

    /** {@link #allocMb} in bytes. */
    public long allocBytes() {
        return allocMb << 20;
    }
}
