package org.polysim.lang.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;

/** The heap guard stops a Lua script that fills the heap (the module's tests run with a 512 MB heap). */
class LuaHeapTest {

    @Test
    void aScriptThatFillsTheHeapIsStoppedAndTheWorldGoesOn() throws Exception {
        World w = LuaWorlds.of("hog", """
                function update(e, inbox)
                  if e.id == "s-2" and e.time == 1 then
                    local t, i = {}, 0
                    while true do i = i + 1; t[i] = string.rep("x", 1000000) .. i end
                  end
                  e.metric("ok", 1)
                end
                """, 3, "{ instructions: 1000000000, wall_ms: 120000, alloc_mb: 1000000 }");
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.kind()).as(e.getMessage()).isEqualTo("BUDGET");
        assertThat(e.cause()).contains("memory");
        assertThat(e.entity()).isEqualTo("s-2");
        w.putScript("s", null, "function update(e, inbox) e.metric('ok', 1) end");
        w.advance(2);
        assertThat(w.metric("ok").orElseThrow().values()).containsExactly(3, 3);
    }
}
