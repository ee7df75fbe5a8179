package org.polysim.lang.python;

import java.util.LinkedHashMap;
import java.util.Map;
import org.polysim.engine.testing.ControllerContract;

/** The controller contract, in Python. */
class PythonContractTest extends ControllerContract {

    private static final Map<String, String> SOURCES = plus(plus(plus(plus(plus(plus(plus(plus(plus(plus(Map.of(
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
            "global_writer", "counter = 0\ndef update(e, inbox):\n    global counter\n    counter += 1\n"),
            "numbers", """
                    import math
                    def update(e, inbox):
                        if e.time == 1:
                            e.send(e.id, "ping", 1)
                            e.send(e.id, "ping", 2)
                        elif e.time == 2:
                            v = {"roll": e.random(1, 6), "sum": sum([1, 2, 3]), "round": round(2.6), "pow31": 2**31,
                                 "pow62": 2**62, "inbox": len(inbox), "parsed": int("7"), "floor": math.floor(7.9),
                                 "floordiv": 7 // 2, "negative": -2**40, "max64": 2**63 - 1, "min64": -2**63,
                                 "biggest": max([3, 9, 4]), "product": math.prod([2, 3]), "sqrt": math.sqrt(2.25),
                                 "half": 7 / 2, "rounded": round(2.567, 2), "whole_float": float(3)}
                            e.state["values"] = v
                            e.send(e.id, "values", v)
                            e.spawn("numbers", {"values": v})
                        for m in inbox:
                            if m.kind == "values":
                                e.state["received"] = m.content
                    """), "churner",
            "def update(e, inbox):\n    while True:\n        x = [0.5] * 10000\n"), "hoarder", """
                    hoard = []
                    def update(e, inbox):
                        for old in hoard:
                            old["count"] = 999
                            old["list"].append(1)
                        hoard.append(e.state)
                        e.state["count"] = e.state.get("count", 0) + 1
                        e.state.setdefault("list", [0])
                    """), "culler", """
                    def update(e, inbox):
                        e.state["updates"] = e.state.get("updates", 0) + 1
                        if "cull" in e.state:
                            e.destroy(e.state.pop("cull"))
                    """), "spender", """
                    def update(e, inbox):
                        s = 0
                        for i in range(e.params["loops"]):
                            s += 1
                        e.state["loops"] = s
                    """), "syntax_error", """
                    # a syntax error on line 4
                    def update(e, inbox):
                        e.state["x"] = 1
                        y = = 2
                    """), "top_level_failer", """
                    # fails on line 5
                    def update(e, inbox):
                        pass

                    raise ValueError("boom")
                    """), "init_failer", """
                    def update(e, inbox):
                        pass

                    def init(e):
                        e.state["x"] = 1
                        raise ValueError("boom")
                    """), "helper_failer", """
                    def helper(e):
                        e.state["x"] = 1
                        return e.state["x"] + undefined_name

                    def update(e, inbox):
                        helper(e)
                    """), "nil_metric", "def update(e, inbox):\n    e.metric('wage', None)\n");

    /**
     * A missing colon on line 14 and an unexpected indent on line 3, as issue 23 reported them, and their kin, each
     * with the line CPython names.
     */
    private static final Map<String, Integer> SYNTAX_ERRORS = syntaxErrors();

    private static Map<String, Integer> syntaxErrors() {
        String elevenLines = "# line 1\n" + "x = 1\n".repeat(10);
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put(elevenLines + "\ndef update(e, inbox):\n    if e.time == 2\n        pass\n", 14);
        cases.put("def update(e, inbox):\n    pass\n        x = 1\n", 3);
        cases.put("x = 1\ny = 2\n    z = 3\ndef update(e, inbox):\n    pass\n", 3);
        cases.put("def update(e, inbox):\n    while e.time < 3\n        pass\n", 2);
        cases.put("def update(e, inbox):\n    for m in inbox  # a comment\n\n        pass\n", 2);
        cases.put("class Herd\n    pass\ndef update(e, inbox):\n    pass\n", 1);
        cases.put("def update(e, inbox):\n    if (e.time ==\n            2)\n        pass\n", 3);
        cases.put("def update(e, inbox):\n    if e.time == 2\n", 2);
        cases.put("def update(e, inbox):\n    x = '''a\nb'''\n      y = 1\n", 4);
        cases.put("def update(e, inbox):\n    if True:\n        pass\n  x = 1\n", 4);
        cases.put("x = (1,\n2\ndef update(e, inbox):\n    pass\n", 1);
        cases.put("def update(e, inbox)\n    pass\n", 1);
        cases.put("def update(e, inbox):\n    if e.time == 1:\n        pass\n    elif e.time == 2\n        pass\n", 4);
        cases.put("def update(e, inbox):\n    try:\n        pass\n    except ValueError\n        pass\n", 4);
        cases.put("def update(e, inbox):\n    with e as f\n        pass\n", 2);
        cases.put("def update(e, inbox):\n    if e.time\n        while e.time:\n            pass\n", 2);
        cases.put("def update(e, inbox):\n    if e.time == 2\nx = 1\n", 2);
        cases.put("def update(e, inbox):\n    match e.time\n        case 1:\n            pass\n", 2);
        cases.put("x = 1\n# a comment\n   y = 2\ndef update(e, inbox):\n    pass\n", 3);
        cases.put("def update(e, inbox):\n    if e.time: pass\n        x = 2\n", 3);
        cases.put("def update(e, inbox):\n    x = [1,\n  2]\n    y = 3 \\\n  + 4\n      z = 5\n", 6);
        return cases;
    }

    PythonContractTest() {
        super("python", SOURCES, 3);
    }

    @Override
    protected String expectedNumbers() {
        return """
                {"sum": 6, "round": 3, "pow31": 2147483648, "pow62": 4611686018427387904, "inbox": 2, "parsed": 7,
                 "floor": 7, "floordiv": 3, "negative": -1099511627776, "max64": 9223372036854775807,
                 "min64": -9223372036854775808, "biggest": 9, "product": 6, "sqrt": 1.5, "half": 3.5,
                 "rounded": 2.57, "whole_float": 3.0}
                """;
    }

    @Override
    protected Map<String, Integer> syntaxErrorsOnKnownLines() {
        return SYNTAX_ERRORS;
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
