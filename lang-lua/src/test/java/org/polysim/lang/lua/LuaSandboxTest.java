package org.polysim.lang.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;

/** Lua-specific isolation and limits beyond the shared contract. */
class LuaSandboxTest {

    @Test
    void changingTheStringLibraryInOneWorldDoesNotReachAnother() throws Exception {
        World evil = LuaWorlds.of("evil", """
                string.upper = function() return "pwned" end
                function update(e, inbox) e.state.mine = string.upper("x") end
                """, 1, null);
        World victim = LuaWorlds.of("victim", """
                function update(e, inbox) e.state.method = ("x"):upper(); e.state.lib = string.upper("x") end
                """, 1, null);
        evil.advance(1);
        victim.advance(1);
        assertThat(evil.entityState("s-1").orElseThrow().path("mine").asString()).isEqualTo("pwned");
        assertThat(victim.entityState("s-1").orElseThrow().path("method").asString()).isEqualTo("X");
        assertThat(victim.entityState("s-1").orElseThrow().path("lib").asString()).isEqualTo("X");
    }

    @Test
    void globalsOfOneWorldAreInvisibleToAnother() throws Exception {
        LuaWorlds.of("a", "secret = 42\nfunction update(e, inbox) end\n", 1, null);
        World b = LuaWorlds.of("b", "function update(e, inbox) e.state.seen = tostring(secret) end\n", 1, null);
        b.advance(1);
        assertThat(b.entityState("s-1").orElseThrow().path("seen").asString()).isEqualTo("nil");
    }

    @Test
    void paramsAreReadOnlyButReadableAsTables() throws Exception {
        World w = LuaWorlds.of("params", """
                function update(e, inbox)
                  local names = {}
                  for i, n in ipairs(e.params.names) do names[i] = n end
                  e.state.names = names
                  e.state.count = #e.params.names
                  e.state.rate = e.params.rate
                  if e.time == 2 then e.params.rate = 1 end
                end
                """, 1, null);
        w.advance(1);
        assertThat(w.entityState("s-1").orElseThrow().toString())
                .isEqualTo("{\"count\":2,\"names\":[\"a\",\"b\"],\"rate\":0.5}");
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.cause()).contains("e.params is read-only");
        assertThat(e.line()).isEqualTo(7);
    }

    @Test
    void mathRandomDrawsFromTheEntityStream() throws Exception {
        World viaMath = LuaWorlds.of("m", "function update(e, inbox) e.metric('r', math.random(1, 100)) "
                + "e.metric('u', math.random()) end", 4, null);
        World viaApi = LuaWorlds.of("m", "function update(e, inbox) e.metric('r', e.random(1, 100)) "
                + "e.metric('u', e.random()) end", 4, null);
        viaMath.advance(10);
        viaApi.advance(10);
        assertThat(viaMath.metric("r").orElseThrow().values()).containsExactly(viaApi.metric("r").orElseThrow().values());
        assertThat(viaMath.metric("u").orElseThrow().values()).containsExactly(viaApi.metric("u").orElseThrow().values());
    }

    @Test
    void timeSpentInsideBuiltinsIsBoundedByTheWallClock() throws Exception {
        World w = LuaWorlds.of("slow", """
                function update(e, inbox)
                  local s = string.rep("a", 200000)
                  while true do
                    local t = string.rep(s, 5)
                  end
                end
                """, 1, "{ instructions: 1000000000, wall_ms: 300, alloc_mb: 1000000 }"); // the clock, not alloc_mb
        long started = System.nanoTime();
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.kind()).isEqualTo("TIMEOUT");
        assertThat(e.cause()).contains("limits.wall_ms");
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(10); // generous: a hang would be minutes
    }

    @Test
    void aBudgetStopInsideABuiltinThatCalledBackIntoLuaNamesTheCallingLine() throws Exception {
        World w = LuaWorlds.of("callback", """
                local function keep(c) return c end
                function update(e, inbox)
                  local s = string.rep("a" .. string.rep("x", 2000) .. "b", 200)
                  local n = 0
                  e.state.s = string.gsub(s, "a.-b", keep)
                end
                """, 1, "{ instructions: 100000 }");
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.cause()).contains("inside string pattern matching");
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void budgetsAreSetPerWorld() throws Exception {
        String loop = "function update(e, inbox) local x = 0 for i = 1, 5000 do x = x + i end e.state.x = x end";
        World tight = LuaWorlds.of("tight", loop, 1, "{ instructions: 1000 }");
        World roomy = LuaWorlds.of("roomy", loop, 1, null);
        assertThat(catchThrowableOfType(SimulationException.class, () -> tight.advance(1)).kind())
                .isEqualTo("BUDGET");
        roomy.advance(1);
        assertThat(roomy.entityState("s-1").orElseThrow().path("x").asLong()).isEqualTo(12502500);
    }

    @Test
    void numbersConcatenateAsText() throws Exception {
        World w = LuaWorlds.of("concat", "function update(e, inbox) e.state.s = 'tick ' .. e.time .. '/' .. 2.5 end",
                1, null);
        w.advance(1);
        assertThat(w.entityState("s-1").orElseThrow().path("s").asString()).isEqualTo("tick 1/2.5");
    }

    @Test
    void bothCallFormsWork() throws Exception {
        World w = LuaWorlds.of("forms", """
                function update(e, inbox)
                  e.metric("dot", 1)
                  e:metric("colon", 2)
                  e.state.id1 = e.id
                end
                """, 2, null);
        w.advance(1);
        assertThat(w.metric("dot").orElseThrow().last()).isEqualTo(2);
        assertThat(w.metric("colon").orElseThrow().last()).isEqualTo(4);
    }

    @Test
    void apiMisuseNamesTheLine() throws Exception {
        World w = LuaWorlds.of("misuse", "function update(e, inbox)\n  e.spawn('nope', {})\nend\n", 1, null);
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.cause()).contains("no script 'nope'", "scripts: s");
    }

    @Test
    void stateMustStayJson() throws Exception {
        World w = LuaWorlds.of("json", "function update(e, inbox) e.state.f = function() end end\n", 1, null);
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.cause()).contains("e.state.f is a function", "only JSON data");
    }
}
