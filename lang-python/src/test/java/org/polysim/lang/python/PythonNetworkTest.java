package org.polysim.lang.python;

import java.util.Map;
import org.polysim.engine.testing.NetworkContract;

class PythonNetworkTest extends NetworkContract {
    PythonNetworkTest() {
        super("python", Map.of("node", """
                def update(e, inbox):
                    s = e.state
                    s["n"] = e.neighbors()
                    s["d"] = e.degree()
                    s["l"] = e.links()
                    heard = s.setdefault("heard", [])
                    for m in inbox:
                        heard.append(m["from"] + ":" + m["kind"])
                    if e.time == 1 and e.id == e.params["linker"]:
                        s["made"] = e.link(e.params["target"], 2.5)
                        s["again"] = e.link(e.params["target"])
                        s["cut"] = e.unlink(e.params["cut"])
                        s["sent"] = e.broadcast("hello", {"n": 1})
                        s["n2"] = e.neighbors()
                    if e.time == e.params["fail_at"]:
                        raise ValueError("boom")
                """, "caster", """
                def update(e, inbox):
                    if e.time == 1:
                        e.broadcast("ping", {"r": 1}, {"radius": 3})
                    if e.time == 2:
                        e.destroy(e.params["victim"])
                    if e.time == e.params["caster_fails"]:
                        raise ValueError("boom")
                """));
    }
}
