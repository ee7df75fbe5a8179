package org.polysim.lang.js;

import java.util.Set;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.ControllerProvider;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;
import org.polysim.lang.graal.GraalController;

/** Registers JavaScript with the engine ({@code META-INF/services}). */
public final class JsProvider implements ControllerProvider {

    @Override
    public String language() {
        return "js";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("javascript");
    }

    @Override
    public String runtime() {
        return JsLanguage.INSTANCE.runtime();
    }

    @Override
    public long warmUpMillis() {
        return 2000; // measured on a 2-core machine: the first context of a cold engine
    }

    @Override
    public void warmUp() {
        GraalController.warmUp(JsLanguage.INSTANCE, "function update(e, inbox) {}\n");
    }

    /** Coins passed around: the inbox, {@code entities}, {@code random}, {@code send}, {@code metric}, a state. */
    @Override
    public String exerciseScript() {
        return """
                function update(e, inbox) {
                  for (const m of inbox) if (m.kind === "coin") e.state.wealth += m.content;
                  if (e.state.wealth > 0) {
                    const others = e.entities("agent");
                    e.state.wealth -= 1;
                    e.send(others[e.random(0, others.length - 1)], "coin", 1);
                  }
                  e.metric("wealth", e.state.wealth);
                }
                """;
    }

    @Override
    public Controller compile(ScriptSource source, CallLimits limits) throws ScriptException {
        if (source.vivariumApi()) {
            throw new ScriptException(ScriptException.Kind.COMPILE, "the seed project's API exists for Lua "
                    + "scripts only; write update(e, inbox)", 0);
        }
        return new GraalController(JsLanguage.INSTANCE, source, limits);
    }
}
