package org.polysim.engine.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final Map<String, Behaviour> BEHAVIOURS = new ConcurrentHashMap<>();

    /** Java stand-in for a script. */
    public interface Behaviour {
        default void init(EntityContext e) throws ScriptException {}

        void update(EntityContext e) throws ScriptException;
    }

    /** Registers {@code behaviour} under {@code name}; returns the name, to be used as script source. */
    public static String register(String name, Behaviour behaviour) {
        BEHAVIOURS.put(name, behaviour);
        return name;
    }

    @Override
    public String language() {
        return "java-test";
    }

    @Override
    public Controller compile(ScriptSource source, CallLimits limits) throws ScriptException {
        Behaviour b = BEHAVIOURS.get(source.code().strip());
        if (b == null) {
            throw new ScriptException(ScriptException.Kind.COMPILE, "no behaviour named '" + source.code() + "'", 1);
        }
        return new Controller() {
            @Override
            public void init(EntityContext e) throws ScriptException {
                b.init(e);
            }

            @Override
            public void update(EntityContext e) throws ScriptException {
                b.update(e);
            }
        };
    }
}
