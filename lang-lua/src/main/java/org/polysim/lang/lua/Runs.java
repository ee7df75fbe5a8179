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
        String name = Pattern.quote(chunk);
        Matcher m = Pattern.compile("^(?:" + name + "|\\[string \"" + name + "\"\\]):(\\d+):?\\s*(.*)$",
                Pattern.DOTALL).matcher(msg);
        if (m.matches()) {
            return new ScriptException(kind, clean(m.group(2)), Integer.parseInt(m.group(1)));
        }
        return new ScriptException(kind, clean(msg), 0);
    }

    /** LuaJ's lexer names reserved words by token number ("unexpected symbol 262 (Ć)"); say the word instead. */
    private static final String[] TOKENS = {"and", "break", "do", "else", "elseif", "end", "false", "for",
        "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until",
        "while", "..", "...", "==", ">=", "<=", "~=", "::", "<eof>", "<number>", "<name>", "<string>"};
    private static final Pattern SYMBOL = Pattern.compile("symbol (\\d+) \\(.\\)");

    private static String clean(String msg) {
        String text = msg.replace("vm error: ", "").strip();
        return SYMBOL.matcher(text).replaceAll(r -> {
            int token = Integer.parseInt(r.group(1));
            String word = token >= 257 && token - 257 < TOKENS.length ? TOKENS[token - 257]
                    : String.valueOf((char) token);
            return Matcher.quoteReplacement("'" + word + "'");
        });
    }
}
