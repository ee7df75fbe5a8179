package org.polysim.lang.js;

import java.util.LinkedHashMap;
import java.util.Map;
import org.polysim.engine.testing.ControllerContract;

/** The controller contract, in JavaScript. */
class JsContractTest extends ControllerContract {

    private static final Map<String, String> SOURCES = plus(plus(plus(plus(plus(plus(plus(plus(plus(plus(Map.of(
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
            "global_writer", "var counter = 0;\nfunction update(e, inbox) { counter = counter + 1; }\n"),
            "numbers", """
                    function update(e, inbox) {
                      if (e.time === 1) {
                        e.send(e.id, "ping", 1);
                        e.send(e.id, "ping", 2);
                      } else if (e.time === 2) {
                        const v = {roll: e.random(1, 6), floor: Math.floor(7.9), round: Math.round(2.6),
                          inbox: inbox.length, pow31: 2 ** 31, maxSafe: Number.MAX_SAFE_INTEGER,
                          minSafe: Number.MIN_SAFE_INTEGER, parsed: parseInt("7"), negative: -(2 ** 40),
                          length: "seven".length, biggest: Math.max(...[3, 9, 4]), trunc: Math.trunc(-7.5),
                          sqrt: Math.sqrt(2.25), half: 7 / 2, rounded: Number((2.567).toFixed(2)), whole: 6 / 2};
                        e.state.values = v;
                        e.send(e.id, "values", v);
                        e.spawn("numbers", {values: v});
                      }
                      for (const m of inbox) if (m.kind === "values") e.state.received = m.content;
                    }
                    """), "churner",
            "function update(e, inbox) { for (;;) { const a = new Float64Array(10000); a[0] = 1; } }\n"), "hoarder", """
                    const hoard = [];
                    function update(e, inbox) {
                      for (const old of hoard) { old.count = 999; old.list.push(1); }
                      hoard.push(e.state);
                      e.state.count = (e.state.count || 0) + 1;
                      e.state.list = e.state.list || [0];
                    }
                    """), "culler", """
                    function update(e, inbox) {
                      e.state.updates = (e.state.updates || 0) + 1;
                      if (e.state.cull) {
                        e.destroy(e.state.cull);
                        delete e.state.cull;
                      }
                    }
                    """), "spender", """
                    function update(e, inbox) {
                      let s = 0;
                      for (let i = 0; i < e.params.loops; i++) s += 1;
                      e.state.loops = s;
                    }
                    """), "syntax_error", """
                    // a syntax error on line 4
                    function update(e, inbox) {
                      e.state.x = 1;
                      let y = = 2;
                    }
                    """), "top_level_failer", """
                    // fails on line 5
                    function update(e, inbox) {
                    }

                    throw new Error("boom");
                    """), "init_failer", """
                    function update(e, inbox) {
                    }

                    function init(e) {
                      e.state.x = 1;
                      throw new Error("boom");
                    }
                    """), "helper_failer", """
                    function helper(e) {
                      e.state.x = 1;
                      return e.state.x + undefinedName;
                    }
                    function update(e, inbox) { helper(e); }
                    """), "nil_metric", "function update(e, inbox) { e.metric('wage', undefined); }\n");

    /** Syntax errors after what the controller rewrites (top-level let) or what spans lines, each on its line. */
    private static final Map<String, Integer> SYNTAX_ERRORS = Map.of(
            "let count = 0;\nlet total = 0;\nfunction update(e, inbox) {\n  count = = 1;\n}\n", 4,
            "const text = `a\nb`;\n/* a\ncomment */\nfunction update(e, inbox) { let x = ; }\n", 5,
            "function update(e, inbox) {\n  if (e.time === 2 {\n  }\n}\n", 2);

    JsContractTest() {
        super("js", SOURCES, 3);
    }

    @Override
    protected String expectedNumbers() {
        return """
                {"floor": 7, "round": 3, "inbox": 2, "pow31": 2147483648, "maxSafe": 9007199254740991,
                 "minSafe": -9007199254740991, "parsed": 7, "negative": -1099511627776, "length": 5, "biggest": 9,
                 "trunc": -7, "sqrt": 1.5, "half": 3.5, "rounded": 2.57, "whole": 3}
                """; // one number type: a whole number is an integer
    }

    @Override
    protected Map<String, Integer> syntaxErrorsOnKnownLines() {
        return SYNTAX_ERRORS;
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
