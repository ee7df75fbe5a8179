package org.polysim.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.polysim.engine.spi.CallLimits;

/**
 * Per-world resource limits for scripts, set under {@code limits} in a world file. Every field has a safe default.
 * {@link Field} names and describes each one: reading, writing, error messages and the MCP schema all use it.
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
 * @param traceTicks  ticks of per-entity trace kept for {@code trace_entity} (0: none)
 * @param maxLinks    links a world's network may hold; a generator above it is refused before it builds
 * @param traceEntities the trace is recorded while the world has at most this many live entities: it costs a
 *                    record per update, which a large world should not pay unasked
 */
public record Limits(long instructions, long wallMillis, int callDepth, int stringBytes, int logLines,
                     int maxEntities, int messageHistory, long allocMb, int traceTicks, int traceEntities,
                     long maxLinks) {

    /** One limit as a world file writes it. */
    public enum Field {
        INSTRUCTIONS("instructions", "Lua VM instructions, or JS/Python statements, per init/update call",
                Limits::instructions, false),
        WALL_MS("wall_ms", "wall-clock milliseconds per call", Limits::wallMillis, false),
        CALL_DEPTH("call_depth", "nested script calls (deep recursion is an error, not a crash)",
                Limits::callDepth, true),
        STRING_BYTES("string_bytes", "largest string a script may build by repetition", Limits::stringBytes, true),
        LOG_LINES("log_lines", "lines of the world log kept, oldest dropped first", Limits::logLines, true),
        MAX_ENTITIES("max_entities", "live entities the world may hold", Limits::maxEntities, true),
        MESSAGE_HISTORY("message_history", "delivered messages kept for inspection", Limits::messageHistory, true),
        ALLOC_MB("alloc_mb", "megabytes one call may allocate, garbage included", Limits::allocMb, false),
        TRACE_TICKS("trace_ticks", "ticks of each entity's trace kept for trace_entity (0 turns tracing off)",
                Limits::traceTicks, true),
        TRACE_ENTITIES("trace_entities", "tracing runs while the world has at most this many live entities",
                Limits::traceEntities, true),
        MAX_LINKS("max_links", "links the network may hold", Limits::maxLinks, true);

        private final String key;
        private final String description;
        private final ToLongFunction<Limits> read;
        private final boolean intSized;

        Field(String key, String description, ToLongFunction<Limits> read, boolean intSized) {
            this.key = key;
            this.description = description;
            this.read = read;
            this.intSized = intSized;
        }

        /** The name in a world file, e.g. {@code wall_ms}. */
        public String key() {
            return key;
        }

        public String description() {
            return description;
        }

        /** The smallest value the field takes: 0 turns tracing off, every other limit is at least 1. */
        public long min() {
            return this == TRACE_TICKS || this == TRACE_ENTITIES ? 0 : 1;
        }

        /** The largest value the field takes. */
        public long max() {
            return intSized ? Integer.MAX_VALUE : Long.MAX_VALUE;
        }

        public long of(Limits limits) {
            return read.applyAsLong(limits);
        }

        /** The field named {@code key}, or null. */
        public static Field named(String key) {
            for (Field f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            return null;
        }
    }

    public static final Limits DEFAULTS = new Limits(1_000_000, 2_000, 200, 1 << 20, 10_000, 1_000_000, 1_000,
            1024, 5, 10_000, 5_000_000);

    public Limits {
        positive(Field.INSTRUCTIONS, instructions);
        positive(Field.WALL_MS, wallMillis);
        positive(Field.CALL_DEPTH, callDepth);
        positive(Field.STRING_BYTES, stringBytes);
        positive(Field.LOG_LINES, logLines);
        positive(Field.MAX_ENTITIES, maxEntities);
        positive(Field.MESSAGE_HISTORY, messageHistory);
        positive(Field.ALLOC_MB, allocMb);
        positive(Field.MAX_LINKS, maxLinks);
        if (traceTicks < 0 || traceEntities < 0) {
            throw new IllegalArgumentException("limits." + (traceTicks < 0 ? Field.TRACE_TICKS : Field.TRACE_ENTITIES)
                    .key + " must be a whole number >= 0 (0 turns tracing off)");
        }
    }

    /** The defaults with {@code values} (by field) in place of theirs. */
    public static Limits of(Map<Field, Long> values) {
        Map<Field, Long> v = new LinkedHashMap<>(DEFAULTS.values());
        values.forEach((f, x) -> {
            if (x > f.max()) {
                throw new IllegalArgumentException("limits." + f.key + " must be at most " + f.max() + ", got " + x);
            }
            v.put(f, x);
        });
        return new Limits(v.get(Field.INSTRUCTIONS), v.get(Field.WALL_MS), v.get(Field.CALL_DEPTH).intValue(),
                v.get(Field.STRING_BYTES).intValue(), v.get(Field.LOG_LINES).intValue(),
                v.get(Field.MAX_ENTITIES).intValue(), v.get(Field.MESSAGE_HISTORY).intValue(), v.get(Field.ALLOC_MB),
                v.get(Field.TRACE_TICKS).intValue(), v.get(Field.TRACE_ENTITIES).intValue(), v.get(Field.MAX_LINKS));
    }

    /** Every field's value, in declaration order. */
    public Map<Field, Long> values() {
        Map<Field, Long> v = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            v.put(f, f.of(this));
        }
        return v;
    }

    /** {@link #allocMb} in bytes. */
    public long allocBytes() {
        return allocMb << 20;
    }

    /** The part of these limits a controller enforces on each call. */
    public CallLimits perCall() {
        return new CallLimits(instructions, wallMillis, callDepth, stringBytes, allocMb);
    }

    private static void positive(Field field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("limits." + field.key + " must be a positive whole number, got "
                    + value);
        }
    }
}
