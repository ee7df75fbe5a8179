package org.polysim.lang.lua;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON trees to Lua values and back: the only way data crosses the Lua boundary. Tables made from JSON arrays carry
 * {@link #ARRAY} as metatable so that an empty array stays an array; other tables are arrays when their keys are
 * exactly 1..n, objects otherwise (keys sorted, so output does not depend on hash order).
 */
final class LuaJson {

    /** Marks tables that came from JSON arrays. */
    static final LuaTable ARRAY = arrayMarker();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;

    private LuaJson() {}

    /** Shared by every world, so frozen and hidden from getmetatable: no script can change another's arrays. */
    private static LuaTable arrayMarker() {
        FrozenTable t = new FrozenTable("the array metatable");
        t.put(LuaValue.valueOf("__metatable"), LuaValue.FALSE);
        return t.freeze();
    }

    static LuaValue toLua(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (n.isObject()) {
            LuaTable t = new LuaTable(0, n.size());
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                t.rawset(LuaStrings.lua(e.getKey()), toLua(e.getValue()));
            }
            return t;
        }
        if (n.isArray()) {
            LuaTable t = new LuaTable(n.size(), 0);
            for (int i = 0; i < n.size(); i++) {
                t.rawset(i + 1, toLua(n.get(i)));
            }
            t.setmetatable(ARRAY);
            return t;
        }
        if (n.isString()) {
            return LuaStrings.lua(n.stringValue());
        }
        if (n.isBoolean()) {
            return LuaValue.valueOf(n.booleanValue());
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return LuaValue.valueOf(n.intValue());
        }
        return LuaValue.valueOf(n.doubleValue());
    }

    static ObjectNode toObject(LuaValue v, String what) {
        if (!v.istable()) {
            throw new LuaError(what + " must be a table, got " + v.typename());
        }
        return (ObjectNode) toJson(v, what, 0);
    }

    static JsonNode toJson(LuaValue v, String what) {
        return toJson(v, what, 0);
    }

    private static JsonNode toJson(LuaValue v, String what, int depth) {
        switch (v.type()) {
            case LuaValue.TNIL:
                return F.nullNode();
            case LuaValue.TBOOLEAN:
                return F.booleanNode(v.toboolean());
            case LuaValue.TNUMBER:
                if (v.isinttype()) {
                    return F.numberNode(v.toint());
                }
                double d = v.todouble();
                if (!Double.isFinite(d)) {
                    throw new LuaError(what + " is " + v.tojstring() + ", which JSON cannot hold");
                }
                if (d == Math.rint(d) && Math.abs(d) < 0x1p53) { // Lua 5.2 has one number type: whole means integer
                    return F.numberNode((long) d);
                }
                return F.numberNode(d);
            case LuaValue.TSTRING:
                return F.stringNode(LuaStrings.java(v));
            case LuaValue.TTABLE:
                if (depth >= MAX_DEPTH) {
                    throw new LuaError(what + " is nested more than " + MAX_DEPTH
                            + " levels deep (does a table contain itself?)");
                }
                return table((LuaTable) v, what, depth + 1);
            default:
                throw new LuaError(what + " is a " + v.typename()
                        + "; only JSON data (tables, strings, numbers, booleans) can be stored or sent");
        }
    }

    private static JsonNode table(LuaTable t, String what, int depth) {
        List<LuaValue> keys = new ArrayList<>();
        boolean array = true;
        for (Varargs n = t.next(LuaValue.NIL); !n.arg1().isnil(); n = t.next(n.arg1())) {
            LuaValue k = n.arg1();
            keys.add(k);
            array &= k.isinttype() && k.toint() >= 1;
        }
        boolean marked = t.getmetatable() == ARRAY;
        if (array && (marked || !keys.isEmpty())) {
            int max = 0;
            for (LuaValue k : keys) {
                max = Math.max(max, k.toint());
            }
            if (marked || max == keys.size()) {
                ArrayNode a = F.arrayNode(max);
                for (int i = 1; i <= max; i++) {
                    a.add(toJson(t.rawget(i), what + "[" + i + "]", depth));
                }
                return a;
            }
        }
        List<Map.Entry<String, LuaValue>> named = new ArrayList<>(keys.size());
        for (LuaValue k : keys) {
            if (!k.isstring()) { // numbers count as strings in Lua; booleans and tables do not
                throw new LuaError(what + " has a key of type " + k.typename() + "; JSON object keys are strings");
            }
            named.add(Map.entry(LuaStrings.java(k), k));
        }
        named.sort(Map.Entry.comparingByKey());
        ObjectNode o = F.objectNode();
        for (Map.Entry<String, LuaValue> e : named) {
            o.set(e.getKey(), toJson(t.rawget(e.getValue()), what + "." + e.getKey(), depth));
        }
        return o;
    }
}
