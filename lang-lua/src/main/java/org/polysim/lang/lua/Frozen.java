package org.polysim.lang.lua;

import java.util.Map;
import org.luaj.vm2.LuaValue;
import tools.jackson.databind.JsonNode;

/** JSON to read-only Lua tables (for {@code e.params}). */
final class Frozen {

    private Frozen() {}

    static LuaValue of(JsonNode n, String name) {
        if (n.isObject()) {
            FrozenTable t = new FrozenTable(name);
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                t.put(LuaValue.valueOf(e.getKey()), of(e.getValue(), name + "." + e.getKey()));
            }
            return t.freeze();
        }
        if (n.isArray()) {
            FrozenTable t = new FrozenTable(name);
            for (int i = 0; i < n.size(); i++) {
                t.put(LuaValue.valueOf(i + 1), of(n.get(i), name + "[" + (i + 1) + "]"));
            }
            t.setmetatable(LuaJson.ARRAY);
            return t.freeze();
        }
        return LuaJson.toLua(n);
    }
}
