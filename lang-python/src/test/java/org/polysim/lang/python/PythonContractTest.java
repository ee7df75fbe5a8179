package org.polysim.lang.python;

import java.util.LinkedHashMap;
import java.util.Map;
import org.polysim.engine.testing.ControllerContract;

/** The controller contract, in Python. */
class PythonContractTest extends ControllerContract {

    private static final Map<String, String> SOURCES = Map.of(
            "lifecycle", """
                    def init(e):
                        e.state["inits"] = 1
                        e.state["born"] = e.time
                        e.log("init " + e.id)

                    def update(e, inbox):
                        e.state["updates"] = e.state.get("updates", 0) + 1
                        e.metric("updates", 1)
                    """,
            "keeper", "def update(e, inbox):\n    e.state['copy'] = e.state['value']\n",
            "echo", """
                    def update(e, inbox):
                        for m in inbox:
                            e.send(m["from"], "re:" + m.kind, m.content)
                            e.metric("echoed", 1)
                    """,
            "starter", """
                    def update(e, inbox):
                        if e.time == 1:
                            e.send(e.params["target"], "ping", e.params["payload"], 2)
                        for m in inbox:
                            e.state["reply"] = m["content"]
                            e.state["reply_kind"] = m.kind
                            e.state["reply_from"] = m["from"]
                            e.state["reply_sent_at"] = m.sent_at
                            e.state["reply_time"] = e.time
                    """,
            "spawner", """
                    def update(e, inbox):
                        if e.time == 1:
                            e.state["child"] = e.spawn("lifecycle", {"gift": 5})
                        if e.time == 2:
                            e.destroy(e.state["child"])
                        if e.time == 3:
                            e.destroy()
                    """,
            "randomer", """
                    def update(e, inbox):
                        e.metric("roll", e.random(1, 6))
                        e.metric("u", e.random())
                        e.metric("peers", len(e.entities("randomer")))
                    """,
            "printer", "def update(e, inbox):\n    print(\"hello\", 42)\n",
            "failer", """
                    def update(e, inbox):
                        if e.time == 2:
                            raise ValueError("boom")
                    """,
            "looper", "def update(e, inbox):\n    while True:\n        pass\n",
            "global_writer", "counter = 0\ndef update(e, inbox):\n    global counter\n    counter += 1\n");

    PythonContractTest() {
        super("python", SOURCES, 3);
    }

    @Override
    protected boolean refusesGlobalWrites() {
        return false; // Python declares `global` to write one; the docs say what that means
    }

    @Override
    protected Map<String, String> denials() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(update("import os; os.system('touch /tmp/polysim-pwned')"), "Process creation is not allowed");
        d.put(update("open('/etc/passwd').read()"), "Operation not permitted");
        d.put(update("import subprocess; subprocess.run(['ls'])"), "Operation not permitted");
        d.put(update("__import__('ctypes')"), "ImportError");
        d.put(update("import threading; threading.Thread(target=print).start()"), "Creating threads is not allowed");
        d.put(update("import polyglot; polyglot.eval(language='js', string='1')"), "polyglot access is not allowed");
        d.put(update("import java; java.type('java.lang.System')"), "java.lang.System");
        d.put(update("import socket; socket.socket()"), "socket");
        d.put(update("import sys; sys.exit(3)"), "asked to exit");
        return d;
    }

    private static String update(String body) {
        return "def update(e, inbox):\n    " + body + "\n";
    }
}
