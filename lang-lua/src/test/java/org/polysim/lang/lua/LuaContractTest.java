package org.polysim.lang.lua;

import java.util.LinkedHashMap;
import java.util.Map;
import org.polysim.engine.testing.ControllerContract;

/** The controller contract, in Lua. */
class LuaContractTest extends ControllerContract {

    private static final Map<String, String> SOURCES = plus(plus(plus(plus(plus(plus(plus(plus(plus(plus(Map.of(
            "lifecycle", """
                    function init(e)
                      e.state.inits = 1
                      e.state.born = e.time
                      e.log("init " .. e.id)
                    end
                    function update(e, inbox)
                      e.state.updates = (e.state.updates or 0) + 1
                      e.metric("updates", 1)
                    end
                    """,
            "keeper", "function update(e, inbox) e.state.copy = e.state.value end\n",
            "echo", """
                    function update(e, inbox)
                      for _, m in ipairs(inbox) do
                        e:send(m.from, "re:" .. m.kind, m.content)
                        e:metric("echoed", 1)
                      end
                    end
                    """,
            "starter", """
                    function update(e, inbox)
                      if e.time == 1 then e.send(e.params.target, "ping", e.params.payload, 2) end
                      for _, m in ipairs(inbox) do
                        e.state.reply = m.content
                        e.state.reply_kind = m.kind
                        e.state.reply_from = m.from
                        e.state.reply_sent_at = m.sent_at
                        e.state.reply_time = e.time
                      end
                    end
                    """,
            "spawner", """
                    function update(e, inbox)
                      if e.time == 1 then e.state.child = e.spawn("lifecycle", {gift = 5}) end
                      if e.time == 2 then e.destroy(e.state.child) end
                      if e.time == 3 then e.destroy() end
                    end
                    """,
            "randomer", """
                    function update(e, inbox)
                      e.metric("roll", e.random(1, 6))
                      e.metric("u", e.random())
                      e.metric("peers", #e.entities("randomer"))
                    end
                    """,
            "printer", "function update(e, inbox) print(\"hello\", 42) end\n",
            "failer", """
                    function update(e, inbox)
                      if e.time == 2 then
                        error("boom")
                      end
                    end
                    """,
            "looper", "function update(e, inbox) while true do end end\n",
            "global_writer", "counter = 0\nfunction update(e, inbox) counter = counter + 1 end\n"),
            "numbers", """
                    function update(e, inbox)
                      if e.time == 1 then
                        e.send(e.id, "ping", 1)
                        e.send(e.id, "ping", 2)
                      elseif e.time == 2 then
                        local v = {roll = e.random(1, 6), floor = math.floor(7.9), ceil = math.ceil(2.1),
                          inbox = #inbox, pow31 = 2^31, maxSafe = 2^53 - 1, negative = -2^40,
                          length = string.len("seven"), parsed = tonumber("7"), biggest = math.max(3, 9, 4),
                          modulo = 7 % 3, sqrt = math.sqrt(2.25), half = 7 / 2,
                          rounded = math.floor(2.567 * 100 + 0.5) / 100, whole = 6 / 2}
                        e.state.values = v
                        e.send(e.id, "values", v)
                        e.spawn("numbers", {values = v})
                      end
                      for _, m in ipairs(inbox) do
                        if m.kind == "values" then e.state.received = m.content end
                      end
                    end
                    """), "churner",
            "function update(e, inbox) while true do local t = {} for i = 1, 1000 do t[i] = i * 0.5 end end "
                    + "end\n"), "hoarder", """
                    local hoard = {}
                    function update(e, inbox)
                      for _, old in ipairs(hoard) do old.count = 999; table.insert(old.list, 1) end
                      table.insert(hoard, e.state)
                      e.state.count = (e.state.count or 0) + 1
                      e.state.list = e.state.list or {0}
                    end
                    """), "culler", """
                    function update(e, inbox)
                      e.state.updates = (e.state.updates or 0) + 1
                      if e.state.cull then
                        e.destroy(e.state.cull)
                        e.state.cull = nil
                      end
                    end
                    """), "spender", """
                    function update(e, inbox)
                      local s = 0
                      for i = 1, e.params.loops do s = s + 1 end
                      e.state.loops = s
                    end
                    """), "syntax_error", """
                    -- a syntax error on line 4
                    function update(e, inbox)
                      e.state.x = 1
                      local y = = 2
                    end
                    """), "top_level_failer", """
                    -- fails on line 5
                    function update(e, inbox)
                    end

                    error("boom")
                    """), "init_failer", """
                    function update(e, inbox)
                    end

                    function init(e)
                      e.state.x = 1
                      error("boom")
                    end
                    """), "helper_failer", """
                    local function helper(e)
                      e.state.x = 1
                      return e.state.x + e.state.missing
                    end
                    function update(e, inbox) helper(e) end
                    """), "nil_metric", "function update(e, inbox) e.metric('wage', e.state.missing) end\n");

    /** Syntax errors after what spans lines (long strings and comments), each on its line. */
    private static final Map<String, Integer> SYNTAX_ERRORS = Map.of(
            "local text = [[a\nb]]\n--[[ a\ncomment ]]\nfunction update(e, inbox) local x = = 1 end\n", 5,
            "function update(e, inbox)\n  if e.time == 2\n    e.state.x = 1\n  end\nend\n", 3);

    LuaContractTest() {
        super("lua", SOURCES, 3);
    }

    @Override
    protected String expectedNumbers() {
        return """
                {"floor": 7, "ceil": 3, "inbox": 2, "pow31": 2147483648, "maxSafe": 9007199254740991,
                 "negative": -1099511627776, "length": 5, "parsed": 7, "biggest": 9, "modulo": 1, "sqrt": 1.5,
                 "half": 3.5, "rounded": 2.57, "whole": 3}
                """; // Lua 5.2 (LuaJ) has one number type, exact as an integer up to 2^53: whole means integer
    }

    @Override
    protected Map<String, Integer> syntaxErrorsOnKnownLines() {
        return SYNTAX_ERRORS;
    }

    @Override
    protected Map<String, String> denials() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(update("io.open('/etc/passwd')"), "io is not available");
        d.put(update("os.execute('touch /tmp/pwned')"), "os is not available");
        d.put(update("local t = os.time()"), "os is not available");
        d.put(update("luajava.bindClass('java.lang.System')"), "luajava is not available");
        d.put(update("debug.sethook()"), "debug is not available");
        d.put(update("require('os')"), "require is not available");
        d.put(update("local p = package.loaded"), "package is not available");
        d.put(update("dofile('/etc/passwd')"), "dofile is not available");
        d.put(update("loadfile('/etc/passwd')"), "loadfile is not available");
        d.put(update("coroutine.create(function() end)"), "coroutine is not available");
        d.put(update("local f, err = load(string.dump(function() end))"), "attempt to call a nil value (field 'dump')");
        d.put(update("local f, err = load('\\27LuaR binary') assert(f, err)"), "binary chunks are not allowed");
        d.put(update("local s = string.rep('x', 1000000000)"), "limits.string_bytes");
        d.put(update("local s = 'xxxxxxxxxxxxxxxx' for i = 1, 40 do s = s .. s end"), "limits.string_bytes");
        d.put(update("local t = {} for i = 1, 2000 do t[i] = string.rep('x', 1000) end "
                + "local s = table.concat(t)"), "limits.string_bytes");
        d.put(update("local ok = pcall(function() while true do end end) error('escaped')"),
                "instruction budget");
        d.put(update("local function f(n) return f(n + 1) + 1 end f(1)"), "limits.call_depth");
        d.put(update("getmetatable('').__index.rep = nil"), "attempt to index");
        return d;
    }

    private static String update(String body) {
        return "function update(e, inbox)\n  " + body + "\nend\n";
    }
}
