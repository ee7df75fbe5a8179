package org.polysim.lang.lua;

import java.util.Map;
import org.polysim.engine.testing.SpaceContract;

class LuaSpaceTest extends SpaceContract {
    LuaSpaceTest() {
        super("lua", Map.of("grazer", """
                function update(e, inbox)
                  local s = e.state
                  local taken = e.take("grass", 0.75)
                  if e.move(e.x + 1, e.y) then s.moves = s.moves + 1 else s.blocked = s.blocked + 1 end
                  s.taken = s.taken + taken
                  s.near = e.near(2)
                  s.here = e.at(e.x, e.y)
                  s.pos = {e.x, e.y}
                  s.grass = e.layer("grass")
                  e.put("grass", 0.5, 0, 0)
                  if e.time == e.params.fail_at then error("boom") end
                end
                """, "hunter", """
                function update(e, inbox)
                  if e.time == 1 then
                    e.state.ate = e.destroy(e.params.prey)
                    e.state.seen = e.look(e.params.friend)
                    e.state.around = e.nearby(2)
                    e.state.free = e.free()
                  end
                end
                """, "breeder", """
                function update(e, inbox)
                  if e.time == 1 then
                    e.state.child = e.spawn("grazer", {moves = 0, blocked = 0, taken = 0}, {2, 2})
                  end
                  e.state.hx = e.x
                end
                """));
    }
}
