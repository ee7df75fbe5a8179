package org.polysim.lang.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;

/** String patterns: Lua 5.2 semantics, and matching work counted against the budget. */
class LuaPatternTest {

    @Test
    void catastrophicPatternsAreStoppedByTheBudgetEvenUnderPcall() throws Exception {
        World w = LuaWorlds.of("regex", """
                function update(e, inbox)
                  local ok = pcall(string.find, string.rep("a", 5000), ".-.-.-.-.-b")
                  e.state.escaped = true
                end
                """, 1, null);
        long started = System.nanoTime();
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.kind()).isEqualTo("BUDGET");
        assertThat(e.cause()).contains("pattern matching");
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(10); // a hang would be hours
    }

    @Test
    void methodCallsOnStringsAreGuardedToo() throws Exception {
        World w = LuaWorlds.of("regex2", "function update(e, inbox) local s = ('a'):rep(5000) "
                + "e.state.r = s:match('.-.-.-.-.-b') end", 1, null);
        assertThat(catchThrowableOfType(SimulationException.class, () -> w.advance(1)).kind()).isEqualTo("BUDGET");
    }

    @Test
    void patternsFollowLua52() throws Exception {
        World w = LuaWorlds.of("patterns", """
                function update(e, inbox)
                  local words = {}
                  for w in string.gmatch("one two  three", "%a+") do words[#words + 1] = w end
                  e.state.words = words
                  e.state.trim = ("  padded  "):match("^%s*(.-)%s*$")
                  e.state.swapped = string.gsub("hello world", "(%w+) (%w+)", "%2 %1")
                  e.state.at = string.find("abc", "b", 1, true)
                  e.state.empty = select(2, string.gsub("abc", "x*", "-"))
                end
                """, 1, null);
        w.advance(1);
        assertThat(w.entityState("s-1").orElseThrow().toString()).isEqualTo(
                "{\"at\":2,\"empty\":4,\"swapped\":\"world hello\",\"trim\":\"padded\",\"words\":[\"one\",\"two\",\"three\"]}");
    }
}
