package org.polysim.lang.lua;

import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;

final class LuaWorlds {

    private LuaWorlds() {}

    static World yaml(String text) throws SimulationException {
        return World.create(WorldFiles.parse(text, false, "test.yaml"), null, null);
    }

    /** A world of {@code count} entities running one Lua script. */
    static World of(String name, String source, int count, String limits) throws SimulationException {
        return yaml("""
                name: %s
                seed: 5
                params: { rate: 0.5, names: [a, b] }
                %s
                scripts:
                  s: { language: lua, source: %s }
                entities: [ { script: s, count: %d } ]
                """.formatted(name, limits == null ? "" : "limits: " + limits,
                tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(source), count));
    }
}
