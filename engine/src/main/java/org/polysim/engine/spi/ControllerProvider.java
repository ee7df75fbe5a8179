package org.polysim.engine.spi;

import java.util.Set;

/** A scripting language, discovered by {@link java.util.ServiceLoader}. */
public interface ControllerProvider {

    /** Canonical language name as written in world files, e.g. {@code lua}. */
    String language();

    /** Other names a world file may use for this language, e.g. {@code javascript} for {@code js}. */
    default Set<String> aliases() {
        return Set.of();
    }

    /** The runtime behind the language, for diagnostics (e.g. whether it is JIT-compiled). */
    /**
     * The script APIs this language compiles ({@link ScriptSource#api}): {@link ScriptSource#API_POLYSIM}, the
     * entity API, unless a language offers others too (Lua also runs the seed project's scripts).
     */
    default Set<String> apis() {
        return Set.of(ScriptSource.API_POLYSIM);
    }

    default String runtime() {
        return "";
    }

    /**
     * Compiles one library script for one world. Each call returns an isolated controller: two worlds (or two
     * scripts of one world) never share guest state.
     *
     * @throws ScriptException when the source does not compile; the message and line say where
     */
    Controller compile(ScriptSource source, CallLimits limits) throws ScriptException;

    /**
     * Readies the language ahead of its first world (its runtime, shared caches, a first script compiled and
     * dropped), so that first world is not the one to wait. A server calls it in the background at start; it runs
     * alongside {@link #compile} calls and must be safe to.
     */
    default void warmUp() {}

    /**
     * About how long {@link #warmUp} takes in a cold process, in milliseconds. Warm-ups run one after another,
     * longest first, so the language likeliest to keep a first world waiting is ready soonest and the warm-ups do
     * not share the cores among themselves.
     */
    default long warmUpMillis() {
        return 0;
    }

    /**
     * A script in this language that uses the entity API the way models do (the inbox, {@code send},
     * {@code random}, {@code metric}, a state that changes every update), or null. After the warm-ups, a server
     * runs it in a small world of its own while it is idle, so that the paths every world takes (the prelude's
     * loop, the crossings into the engine) are compiled before a user's first world runs. It must run without
     * errors for as many ticks as the engine gives it.
     */
    default String exerciseScript() {
        return null;
    }

    /**
     * Whether {@link #exerciseScript} costs so little (a second of CPU or less) that every warm-up runs it, first,
     * not only a server started with {@code --exercise}: true of an interpreter written in Java, whose first world
     * otherwise runs while the JVM's own compilers are still at work on it.
     */
    default boolean cheapExercise() {
        return false;
    }
}
