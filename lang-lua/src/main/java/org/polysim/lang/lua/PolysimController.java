package org.polysim.lang.lua;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;
import tools.jackson.databind.JsonNode;

/**
 * A polysim-API script ({@code update(e, inbox)}, optional {@code init(e)}) in one world: one {@code Globals}, shared
 * by its entities, locked against global writes once the top-level chunk has run.
 */
final class PolysimController implements Controller {

    private static final LuaString ID = LuaValue.valueOf("id");
    private static final LuaString SCRIPT = LuaValue.valueOf("script");
    private static final LuaString TIME = LuaValue.valueOf("time");
    private static final LuaString STATE = LuaValue.valueOf("state");
    private static final LuaString PARAMS = LuaValue.valueOf("params");

    private final String chunk;
    private final Budget budget;
    private final LockedGlobals globals;
    private final LuaValue update;
    private final LuaValue init;
    private final LuaTable entityMeta = new LuaTable();
    private EntityContext current;
    private JsonNode paramsSource;
    private LuaValue params;

    PolysimController(ScriptSource source, CallLimits limits) throws ScriptException {
        this.chunk = source.id();
        this.budget = new Budget(limits);
        this.globals = Sandbox.create(budget, () -> current);
        entityMeta.rawset(LuaValue.INDEX, new Api(() -> current, globals).index(entityMeta));
        entityMeta.rawset(LuaValue.valueOf("__metatable"), LuaValue.FALSE);
        Runs.call(budget, chunk, new LuaClosure(Runs.compile(globals, source.code(), chunk), globals), LuaValue.NONE);
        this.update = globals.get("update");
        this.init = globals.get("init");
        if (!update.isfunction()) {
            throw new ScriptException(ScriptException.Kind.COMPILE, "the script defines no update function; "
                    + "write: function update(e, inbox) ... end", 0);
        }
        if (!init.isnil() && !init.isfunction()) {
            throw new ScriptException(ScriptException.Kind.COMPILE, "init must be a function: function init(e) ... "
                    + "end", 0);
        }
        globals.lock();
    }

    @Override
    public void init(EntityContext e) throws ScriptException {
        if (init.isfunction()) {
            run(init, e, LuaValue.NIL);
        }
    }

    @Override
    public void update(EntityContext e) throws ScriptException {
        run(update, e, Api.inbox(e.inbox(), false));
    }

    private void run(LuaValue fn, EntityContext ctx, LuaValue inbox) throws ScriptException {
        LuaTable e = new LuaTable(0, 6);
        e.rawset(ID, LuaStrings.lua(ctx.id()));
        e.rawset(SCRIPT, LuaStrings.lua(ctx.script()));
        e.rawset(TIME, LuaValue.valueOf(ctx.time()));
        e.rawset(STATE, LuaJson.toLua(ctx.state()));
        e.rawset(PARAMS, params(ctx.params()));
        e.setmetatable(entityMeta);
        current = ctx;
        try {
            Runs.call(budget, chunk, fn, LuaValue.varargsOf(e, inbox));
            ctx.setState(LuaJson.toObject(e.rawget(STATE), "e.state"));
        } catch (org.luaj.vm2.LuaError bad) {
            throw new ScriptException(ScriptException.Kind.ERROR, bad.getMessage(), 0);
        } finally {
            current = null;
        }
    }

    /** The world's params, converted once into frozen tables. */
    private LuaValue params(JsonNode source) {
        if (source != paramsSource) {
            paramsSource = source;
            params = Frozen.of(source, "e.params");
        }
        return params;
    }
}
