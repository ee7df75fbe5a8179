package org.polysim.lang.lua;

import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;

/**
 * A seed-project script: {@code update(current_time, msgs)}, {@code get_state()}, {@code set_state(state)}, and the
 * globals {@code self} and {@code world}. Such scripts keep their data in globals, so every entity gets its own
 * {@code Globals}; its state is what {@code get_state()} returns after each call, and {@code set_state} puts it back
 * after loading a snapshot, after a rolled-back tick and after {@code set_entity_state}.
 *
 * <p>On creation {@code set_state} runs only when the entity was given a state: as in the seed runtime
 * ({@code if let Some(state) = initial_state}), an entity created without {@code initial_state} (or with an empty one,
 * which polysim cannot tell apart from none, and which would only set every global to nil) keeps the globals its
 * script's top level set, and its first state is what {@code get_state()} then returns. The same holds for
 * {@code self.spawn_entity(script_id)} without a state.
 */
final class VivariumController implements Controller {

    private final String chunk;
    private final CallLimits limits;
    private final Prototype prototype;
    private final Map<String, Instance> instances = new HashMap<>();

    private final class Instance {
        final Budget budget = new Budget(limits);
        EntityContext current;
        final LockedGlobals globals = Sandbox.create(budget, () -> current);

        Instance(String id) throws ScriptException {
            Api api = new Api(() -> current, globals);
            globals.set("self", api.vivariumSelf(id));
            globals.set("world", api.vivariumWorld());
            Runs.call(budget, chunk, new LuaClosure(prototype, globals), LuaValue.NONE);
            if (!globals.get("update").isfunction()) {
                throw new ScriptException(ScriptException.Kind.COMPILE, "the script defines no update function; "
                        + "write: function update(current_time, msgs) ... end", 0);
            }
        }

        void call(EntityContext ctx, String name, LuaValue... args) throws ScriptException {
            LuaValue fn = globals.get(name);
            if (!fn.isfunction()) {
                return;
            }
            current = ctx;
            try {
                Runs.call(budget, chunk, fn, LuaValue.varargsOf(args));
            } finally {
                current = null;
            }
        }

        void publish(EntityContext ctx) throws ScriptException {
            LuaValue get = globals.get("get_state");
            if (get.isfunction()) {
                current = ctx;
                try {
                    LuaValue state = Runs.call(budget, chunk, get, LuaValue.NONE).arg1();
                    ctx.setState(LuaJson.toObject(state, "get_state()"));
                } catch (org.luaj.vm2.LuaError bad) {
                    throw new ScriptException(ScriptException.Kind.ERROR, bad.getMessage(), 0);
                } finally {
                    current = null;
                }
            }
        }
    }

    VivariumController(ScriptSource source, CallLimits limits) throws ScriptException {
        this.chunk = source.id();
        this.limits = limits;
        this.prototype = Runs.compile(Sandbox.create(new Budget(limits), () -> null), source.code(), chunk);
        new Instance("(compile check)"); // surfaces top-level errors and a missing update at creation
    }

    @Override
    public void init(EntityContext e) throws ScriptException {
        Instance i = new Instance(e.id());
        instances.put(e.id(), i);
        if (!e.state().isEmpty()) {
            i.call(e, "set_state", LuaJson.toLua(e.state()));
        }
        i.publish(e);
    }

    @Override
    public void restore(EntityContext e) throws ScriptException {
        Instance i = instances.get(e.id());
        if (i == null) {
            i = new Instance(e.id());
            instances.put(e.id(), i);
        }
        i.call(e, "set_state", LuaJson.toLua(e.state()));
    }

    @Override
    public void update(EntityContext e) throws ScriptException {
        Instance i = instances.get(e.id());
        i.call(e, "update", LuaValue.valueOf(e.time()), Api.inbox(e.inbox(), true));
        i.publish(e);
    }

    @Override
    public void forget(String entityId) {
        instances.remove(entityId);
    }
}
