package org.polysim.lang.lua;

import java.util.Map;
import org.polysim.engine.testing.NetworkContract;

class LuaNetworkTest extends NetworkContract {
    LuaNetworkTest() {
        super("lua", Map.of("node", """
                function update(e, inbox)
                  local s = e.state
                  s.n = e.neighbors()
                  s.d = e.degree()
                  s.l = e.links()
                  s.heard = s.heard or {}
                  for _, m in ipairs(inbox) do s.heard[#s.heard + 1] = m.from .. ":" .. m.kind end
                  if e.time == 1 and e.id == e.params.linker then
                    s.made = e.link(e.params.target, 2.5)
                    s.again = e.link(e.params.target)
                    s.cut = e.unlink(e.params.cut)
                    s.sent = e.broadcast("hello", {n = 1})
                    s.n2 = e.neighbors()
                  end
                  if e.time == e.params.fail_at then error("boom") end
                end
                """, "caster", """
                function update(e, inbox)
                  if e.time == 1 then e.broadcast("ping", {r = 1}, {radius = 3}) end
                  if e.time == 2 then e.destroy(e.params.victim) end
                  if e.time == e.params.caster_fails then error("boom") end
                end
                """));
    }
}
