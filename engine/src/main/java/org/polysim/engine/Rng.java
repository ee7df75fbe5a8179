package org.polysim.engine;

import java.nio.charset.StandardCharsets;

/**
 * SplitMix64: one {@code long} of state, so a generator is saved in a snapshot as a number and restored exactly.
 * Streams are derived from the world seed and a name (entity id), so adding an entity never shifts another's draws.
 */
final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    long state;

    Rng(long state) {
        this.state = state;
    }

    /** The stream of {@code name} in a world seeded with {@code seed}. */
    static Rng derive(long seed, String name) {
        return new Rng(mix(seed ^ mix(fnv1a(name))));
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [lo, hi], unbiased (rejection sampling). */
    long between(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("random(lo, hi) needs lo <= hi, got lo=" + lo + ", hi=" + hi);
        }
        long span = hi - lo + 1;
        if (span <= 0) { // the whole long range
            return nextLong();
        }
        long limit = Long.MAX_VALUE - Long.remainderUnsigned(Long.MAX_VALUE, span);
        long r;
        do {
            r = nextLong() >>> 1;
        } while (r >= limit);
        return lo + r % span;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }
}
