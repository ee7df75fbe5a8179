package org.polysim.lang.python;

import java.util.Map;
import org.polysim.engine.testing.SpaceContract;

class PythonSpaceTest extends SpaceContract {
    PythonSpaceTest() {
        super("python", Map.of("grazer", """
                def update(e, inbox):
                    s = e.state
                    taken = e.take("grass", 0.75)
                    if e.move(e.x + 1, e.y):
                        s["moves"] += 1
                    else:
                        s["blocked"] += 1
                    s["taken"] += taken
                    s["near"] = e.near(2)
                    s["here"] = e.at(e.x, e.y)
                    s["pos"] = [e.x, e.y]
                    s["grass"] = e.layer("grass")
                    e.put("grass", 0.5, 0, 0)
                    if e.time == e.params["fail_at"]:
                        raise ValueError("boom")
                """, "hunter", """
                def update(e, inbox):
                    if e.time == 1:
                        e.state["ate"] = e.destroy(e.params["prey"])
                        e.state["seen"] = e.look(e.params["friend"])
                        e.state["around"] = e.nearby(2)
                        e.state["free"] = e.free()
                """, "breeder", """
                def update(e, inbox):
                    if e.time == 1:
                        e.state["child"] = e.spawn("grazer", {"moves": 0, "blocked": 0, "taken": 0}, [2, 2])
                    e.state["hx"] = e.x
                """));
    }
}
