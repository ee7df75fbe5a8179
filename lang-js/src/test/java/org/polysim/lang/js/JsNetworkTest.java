package org.polysim.lang.js;

import java.util.Map;
import org.polysim.engine.testing.NetworkContract;

class JsNetworkTest extends NetworkContract {
    JsNetworkTest() {
        super("js", Map.of("node", """
                function update(e, inbox) {
                  const s = e.state;
                  s.n = e.neighbors();
                  s.d = e.degree();
                  s.l = e.links();
                  s.heard = s.heard || [];
                  for (const m of inbox) s.heard.push(m.from + ":" + m.kind);
                  if (e.time === 1 && e.id === e.params.linker) {
                    s.made = e.link(e.params.target, 2.5);
                    s.again = e.link(e.params.target);
                    s.cut = e.unlink(e.params.cut);
                    s.sent = e.broadcast("hello", {n: 1});
                    s.n2 = e.neighbors();
                  }
                  if (e.time === e.params.fail_at) throw new Error("boom");
                }
                """, "caster", """
                function update(e, inbox) {
                  if (e.time === 1) e.broadcast("ping", {r: 1}, {radius: 3});
                  if (e.time === 2) e.destroy(e.params.victim);
                  if (e.time === e.params.caster_fails) throw new Error("boom");
                }
                """));
    }
}
