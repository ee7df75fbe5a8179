package org.polysim.lang.lua;

import java.io.IOException;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.polysim.engine.spi.ScriptException;

/** Compiling and calling Lua under a budget, with LuaJ errors turned into {@link ScriptException}s. */
final class Runs {

    private Runs() {}

    static Prototype compile(Globals g, String code, String chunk) throws ScriptException {
        try {
            return g.compilePrototype(new StringReader(code), chunk);
        } catch (LuaError e) {
            throw translate(e, chunk, ScriptException.Kind.COMPILE);
        } catch (IOException e) {
            throw new ScriptException(ScriptException.Kind.COMPILE, e.getMessage(), 0);
        }
    }

    static Varargs call(Budget budget, String chunk, LuaValue fn, Varargs args) throws ScriptException {
        budget.start();
        try {
            return fn.invoke(args);
        } catch (Budget.Exceeded x) {
            throw new ScriptException(x.kind, x.getMessage(), x.line);
        } catch (LuaError e) {
            throw translate(e, chunk, ScriptException.Kind.ERROR);
        } catch (StackOverflowError e) {
            throw new ScriptException(ScriptException.Kind.BUDGET, "stack overflow (runaway recursion?)", 0);
        } finally {
            budget.stop();
        }
    }

    /** Splits LuaJ's {@code chunk:line message} into line and message. */
    static ScriptException translate(LuaError e, String chunk, ScriptException.Kind kind) {
        String msg = e.getMessage() == null ? "error" : e.getMessage().strip();
        Matcher m = Pattern.compile("^" + Pattern.quote(chunk) + ":(\\d+):?\\s*(.*)$", Pattern.DOTALL).matcher(msg);
        if (m.matches()) {
            return new ScriptException(kind, clean(m.group(2)), Integer.parseInt(m.group(1)));
        }
        return new ScriptException(kind, clean(msg), 0);
    }

    private static String clean(String msg) {
        // an error() raised in a nested chunk or re-raised by pcall keeps its own prefix; keep it, drop noise
        return msg.replace("vm error: ", "").strip();
    }
}
