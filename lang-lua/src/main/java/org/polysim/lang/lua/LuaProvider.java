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

    @Override
    public Controller compile(ScriptSource source, CallLimits limits) throws ScriptException {
        return source.vivariumApi() ? new VivariumController(source, limits) : new PolysimController(source, limits);
    }
}
