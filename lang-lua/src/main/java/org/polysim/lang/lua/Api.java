package org.polysim.lang.lua;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.polysim.engine.spi.ApiMember;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.InboxMessage;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entity API as Lua functions, bound to "the entity being run". Works both as {@code e.send(...)} and
 * {@code e:send(...)}: a leading argument that is the entity table itself is skipped. Engine argument errors become
 * Lua errors, so they carry the calling line.
 */
final class Api {

    private final Supplier<EntityContext> current;
    private final Globals globals;

    Api(Supplier<EntityContext> current, Globals globals) {
        this.current = current;
        this.globals = globals;
    }

    /**
     * The {@code __index} of polysim {@code e} tables: the methods, one per {@link ApiMember}, and the properties
     * ({@code e.x}), read through the entity API on each access since a move changes them; {@code meta} identifies
     * entity tables.
     */
    LuaValue index(LuaTable meta) {
        LuaTable methods = new LuaTable();
        Map<String, ApiMember> properties = new HashMap<>();
        for (ApiMember member : ApiMember.values()) {
            if (member.property()) {
                properties.put(member.memberName(), member);
            } else {
                methods.set(member.memberName(), fn(meta, (e, a, i) -> lua(member.invoke(e,
                        arguments(member, a, i)))));
            }
        }
        return new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue table, LuaValue key) {
                ApiMember p = key.isstring() ? properties.get(key.tojstring()) : null;
                if (p == null) {
                    return methods.rawget(key);
                }
                EntityContext e = current.get();
                return e == null ? LuaValue.NIL : lua(p.invoke(e)).arg1();
            }
        };
    }

    /** A call's Lua arguments from {@code first} on, converted by the member's parameter types (nil: null). */
    private Object[] arguments(ApiMember member, Varargs a, int first) {
        List<ApiMember.Param> params = member.params();
        Object[] values = new Object[params.size()];
        for (int k = 0; k < params.size(); k++) {
            ApiMember.Param p = params.get(k);
            LuaValue v = a.arg(first + k);
            if (p.type() == ApiMember.Type.TEXT) {
                values[k] = a.narg() < first + k ? null : Sandbox.join(globals, a, first + k);
                break;
            }
            if (v.isnil()) {
                continue;
            }
            values[k] = switch (p.type()) {
                case STRING -> v.isstring() ? LuaStrings.java(v) : wrong(member, p, "a string", v);
                case NUMBER -> v.isnumber() ? v.todouble() : wrong(member, p, "a number", v);
                case INTEGER -> v.isnumber() && v.todouble() == Math.rint(v.todouble()) ? v.tolong()
                        : wrong(member, p, "a whole number", v);
                case JSON -> LuaJson.toJson(v, p.what());
                case OBJECT -> LuaJson.toObject(v, p.what());
                case TEXT -> throw new IllegalStateException(); // handled above
            };
        }
        if (!member.takesText() && a.narg() >= first + params.size() && !a.arg(first + params.size()).isnil()) {
            throw new LuaError(member.memberName() + " takes at most " + params.size() + " arguments; "
                    + member.signature());
        }
        return values;
    }

    private static Object wrong(ApiMember member, ApiMember.Param p, String expected, LuaValue v) {
        throw new LuaError(member.memberName() + ": " + p.name() + " must be " + expected + ", got " + v.typename()
                + (v.isstring() || v.isnumber() ? " " + v.tojstring() : "") + "; " + member.signature());
    }

    /** A member's result as a Lua value. */
    @SuppressWarnings("unchecked")
    private static Varargs lua(Object result) {
        return switch (result) {
            case null -> LuaValue.NONE;
            case String s -> LuaValue.valueOf(s);
            case Double d -> LuaValue.valueOf(d);
            case Boolean b -> LuaValue.valueOf(b);
            case Long l -> LuaValue.valueOf((double) l);
            case List<?> ids -> strings((List<String>) ids);
            case tools.jackson.databind.JsonNode json -> LuaJson.toLua(json);
            default -> throw new IllegalStateException("unexpected API result " + result.getClass());
        };
    }

    /** The seed project's {@code self} table for one entity. */
    LuaTable vivariumSelf(String id) {
        LuaTable self = new LuaTable();
        self.set("id", id);
        self.set("send_msg", fn(self, (e, a, i) -> {
            e.send(a.checkjstring(i), a.isnoneornil(i + 1) ? "" : a.checkjstring(i + 1),
                    LuaJson.toJson(a.arg(i + 2), "message content"),
                    a.isnoneornil(i + 3) ? null : a.checkdouble(i + 3));
            return LuaValue.NONE;
        }));
        self.set("destroy", fn(self, (e, a, i) -> {
            e.destroyAfterUpdates(a.isnoneornil(i) ? null : a.checkjstring(i));
            return LuaValue.NONE;
        }));
        // the seed's own form is spawn_entity(entity_id, script_id, initial_state); the short form
        // spawn_entity(script_id, state) names no id and gets <script>-<k>. A state is never a string, so the
        // second argument tells them apart.
        self.set("spawn_entity", fn(self, (e, a, i) -> a.arg(i + 1).isstring()
                ? LuaValue.valueOf(e.spawn(a.checkjstring(i), a.checkjstring(i + 1), state(a.arg(i + 2))))
                : LuaValue.valueOf(e.spawn(a.checkjstring(i), state(a.arg(i + 1))))));
        // the seed declared broadcast_msg(x, y, radius, kind, content) but never delivered it; here it is the
        // ordinary broadcast in space: everyone within radius of (x, y) when it arrives, the sender left out
        self.set("broadcast_msg", fn(self, (e, a, i) -> {
            tools.jackson.databind.node.ObjectNode options = tools.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode().put("x", a.checkdouble(i)).put("y", a.checkdouble(i + 1))
                    .put("radius", a.checkdouble(i + 2));
            e.broadcast(a.isnoneornil(i + 3) ? "" : a.checkjstring(i + 3), LuaJson.toJson(a.arg(i + 4),
                    "message content"), options);
            return LuaValue.NONE;
        }));
        return self;
    }

    /** The seed project's {@code world} table. */
    LuaTable vivariumWorld() {
        LuaTable world = new LuaTable();
        world.set("list_entities", fn(world, (e, a, i) -> strings(e.entities(null))));
        world.set("record_metric", fn(world, (e, a, i) -> {
            e.metric(a.checkjstring(i), a.checkdouble(i + 1));
            return LuaValue.NONE;
        }));
        return world;
    }

    /** Lua's {@code math.random}: the entity API's {@link ApiMember#RANDOM}, from the entity's stream. */
    static Varargs random(EntityContext e, Varargs a, int i) {
        try {
            return lua(ApiMember.RANDOM.invoke(e, a.isnoneornil(i) ? null : (Object) a.checklong(i),
                    a.isnoneornil(i + 1) ? null : (Object) a.checklong(i + 1)));
        } catch (IllegalArgumentException ex) {
            throw new LuaError(ex.getMessage());
        }
    }

    private static final LuaString FROM = LuaValue.valueOf("from");
    private static final LuaString SENDER = LuaValue.valueOf("sender");
    private static final LuaString KIND = LuaValue.valueOf("kind");
    private static final LuaString CONTENT = LuaValue.valueOf("content");
    private static final LuaString SENT_AT = LuaValue.valueOf("sent_at");

    static LuaTable inbox(List<InboxMessage> messages, boolean vivarium) {
        LuaTable t = new LuaTable(messages.size(), 0);
        int k = 1;
        for (InboxMessage m : messages) {
            LuaTable msg = new LuaTable(0, 5);
            LuaString from = LuaStrings.lua(m.from());
            msg.rawset(FROM, from);
            if (vivarium) {
                msg.rawset(SENDER, from);
            }
            msg.rawset(KIND, LuaStrings.lua(m.kind()));
            msg.rawset(CONTENT, LuaJson.toLua(m.content()));
            msg.rawset(SENT_AT, LuaValue.valueOf(m.sentAt()));
            t.rawset(k++, msg);
        }
        return t;
    }

    private static ObjectNode state(LuaValue v) {
        return v.isnil() ? null : LuaJson.toObject(v, "the new entity's state");
    }

    private static LuaTable strings(List<String> ids) {
        LuaTable t = new LuaTable(ids.size(), 0);
        for (int k = 0; k < ids.size(); k++) {
            t.rawset(k + 1, LuaStrings.lua(ids.get(k))); // ids recur: their Lua strings are cached
        }
        return t;
    }

    private interface Body {
        Varargs call(EntityContext e, Varargs args, int first);
    }

    private VarArgFunction fn(LuaTable self, Body body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                EntityContext e = current.get();
                if (e == null) {
                    throw new LuaError("the entity API works inside init and update only");
                }
                LuaValue first = args.arg1();
                boolean method = first.istable() && (first == self || first.getmetatable() == self);
                try {
                    return body.call(e, args, method ? 2 : 1);
                } catch (IllegalArgumentException | IllegalStateException ex) {
                    throw new LuaError(ex.getMessage());
                }
            }
        };
    }
}
