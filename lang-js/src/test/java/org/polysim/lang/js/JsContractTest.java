package org.polysim.lang.js;

import java.util.LinkedHashMap;
import java.util.Map;
import org.polysim.engine.testing.ControllerContract;

/** The controller contract, in JavaScript. */
class JsContractTest extends ControllerContract {

    private static final Map<String, String> SOURCES = Map.of(
            "lifecycle", """
                    function init(e) {
                      e.state.inits = 1;
                      e.state.born = e.time;
                      e.log("init " + e.id);
                    }
                    function update(e, inbox) {
                      e.state.updates = (e.state.updates || 0) + 1;
                      e.metric("updates", 1);
                    }
                    """,
            "keeper", "function update(e, inbox) { e.state.copy = e.state.value; }\n",
            "echo", """
                    function update(e, inbox) {
                      for (const m of inbox) {
                        e.send(m.from, "re:" + m.kind, m.content);
                        e.metric("echoed", 1);
                      }
                    }
                    """,
            "starter", """
                    function update(e, inbox) {
                      if (e.time === 1) e.send(e.params.target, "ping", e.params.payload, 2);
                      for (const m of inbox) {
                        e.state.reply = m.content;
                        e.state.reply_kind = m.kind;
                        e.state.reply_from = m.from;
                        e.state.reply_sent_at = m.sent_at;
                        e.state.reply_time = e.time;
                      }
                    }
                    """,
            "spawner", """
                    function update(e, inbox) {
                      if (e.time === 1) e.state.child = e.spawn("lifecycle", {gift: 5});
                      if (e.time === 2) e.destroy(e.state.child);
                      if (e.time === 3) e.destroy();
                    }
                    """,
            "randomer", """
                    function update(e, inbox) {
                      e.metric("roll", e.random(1, 6));
                      e.metric("u", e.random());
                      e.metric("peers", e.entities("randomer").length);
                    }
                    """,
            "printer", "function update(e, inbox) { console.log(\"hello\", 42); }\n",
            "failer", """
                    function update(e, inbox) {
                      if (e.time === 2) {
                        throw new Error("boom");
                      }
                    }
                    """,
            "looper", "function update(e, inbox) { while (true) {} }\n",
            "global_writer", "var counter = 0;\nfunction update(e, inbox) { counter = counter + 1; }\n");

    JsContractTest() {
        super("js", SOURCES, 3);
    }

    @Override
    protected Map<String, String> denials() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(update("Java.type('java.lang.System')"), "host class java.lang.System is not allowed");
        d.put(update("Polyglot.eval('python', '1')"), "Polyglot is not defined");
        d.put(update("require('fs')"), "require is not available");
        d.put(update("load('/etc/passwd')"), "load is not defined");
        d.put(update("new Worker('x')"), "Worker is not defined");
        d.put(update("const s = 'x'.repeat(1e9)"), "Invalid string length");
        d.put(update("let s = 'xxxxxxxx'; for (let i = 0; i < 40; i++) s = s + s;"), "Invalid string length");
        d.put(update("undeclared = 1"), "undeclared is not defined");
        d.put(update("const f = (n) => f(n + 1) + 1; f(1)"), "Maximum call stack size exceeded");
        return d;
    }

    private static String update(String body) {
        return "function update(e, inbox) {\n  " + body + ";\n}\n";
    }
}
