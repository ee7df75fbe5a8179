package org.polysim.lang.lua;

import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.ControllerProvider;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;

/** Registers Lua with the engine ({@code META-INF/services}). */
public final class LuaProvider implements ControllerProvider {

    @Override
    public String language() {
        return "lua";
    }

    @Override
    public String runtime() {
        return "LuaJ 3.0.1 (bytecode interpreter)";
    }

    /**
     * The seed project's (vivarium's) API: {@code update(current_time, msgs)} with {@code self} and {@code world}
     * globals ({@link VivariumController}); "vivarium", not "seed", since a world's seed is its random seed.
     */
    static final String API_VIVARIUM = "vivarium";

    @Override
    public java.util.Set<String> apis() {
        return java.util.Set.of(ScriptSource.API_POLYSIM, API_VIVARIUM);
    }

    @Override
    public Controller compile(ScriptSource source, CallLimits limits) throws ScriptException {
        return API_VIVARIUM.equals(source.api()) ? new VivariumController(source, limits)
                : new PolysimController(source, limits);
    }

    @Override
    public String exerciseScript() {
        return """
                function update(e, inbox)
                  for _, m in ipairs(inbox) do
                    if m.kind == "coin" then e.state.wealth = e.state.wealth + m.content end
                  end
                  if e.state.wealth > 0 then
                    local others = e.entities("agent")
                    e.state.wealth = e.state.wealth - 1
                    e.send(others[e.random(1, #others)], "coin", 1)
                  end
                  e.metric("wealth", e.state.wealth)
                end
                """;
    }

    /** LuaJ is Java: its exercise takes a fraction of a second, and its first world then runs compiled. */
    @Override
    public boolean cheapExercise() {
        return true;
    }
}
