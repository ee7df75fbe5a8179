package org.polysim.engine.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.ControllerProvider;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;

/**
 * Language {@code java-test}: a script's source is the name of a {@link Behaviour} registered from a test. Lets the
 * engine be tested through its public API without any script engine.
 */
public final class JavaTestLanguage implements ControllerProvider {

    private static final Map<String, Supplier<Behaviour>> BEHAVIOURS = new ConcurrentHashMap<>();

    /** Java stand-in for a script. */
    public interface Behaviour {
        default void init(EntityContext e) throws ScriptException {}

        void update(EntityContext e) throws ScriptException;

        /** See {@link Controller#restore}. */
        default void restore(EntityContext e) throws ScriptException {}

        /** See {@link Controller#forget}. */
        default void forget(String entityId) {}
    }

    /** Registers {@code behaviour} under {@code name}; returns the name, to be used as script source. */
    public static String register(String name, Behaviour behaviour) {
        BEHAVIOURS.put(name, () -> behaviour);
        return name;
    }

    /**
     * Registers a behaviour that keeps data between calls, as a guest context does: each world compiling script
     * {@code name} gets its own instance from {@code fresh}. Returns the name, to be used as script source.
     */
    public static String registerPerWorld(String name, Supplier<? extends Behaviour> fresh) {
        BEHAVIOURS.put(name, fresh::get);
        return name;
    }

    @Override
    public String language() {
        return "java-test";
    }

    /** Both of Lua's APIs, so the engine's tests of seed-project files need no Lua: a behaviour ignores the API. */
    @Override
    public Set<String> apis() {
        return Set.of("polysim", "vivarium");
    }

    @Override
    public Controller compile(ScriptSource source, CallLimits limits) throws ScriptException {
        Supplier<Behaviour> registered = BEHAVIOURS.get(source.code().strip());
        if (registered == null) {
            throw new ScriptException(ScriptException.Kind.COMPILE, "no behaviour named '" + source.code() + "'", 1);
        }
        Behaviour b = registered.get();
        return new Controller() {
            @Override
            public void init(EntityContext e) throws ScriptException {
                b.init(e);
            }

            @Override
            public void update(EntityContext e) throws ScriptException {
                b.update(e);
            }

            @Override
            public void restore(EntityContext e) throws ScriptException {
                b.restore(e);
            }

            @Override
            public void forget(String entityId) {
                b.forget(entityId);
            }
        };
    }
}
