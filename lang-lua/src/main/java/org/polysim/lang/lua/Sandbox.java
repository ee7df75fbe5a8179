package org.polysim.lang.lua;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.function.Supplier;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.polysim.engine.spi.EntityContext;

/** Builds the restricted {@link Globals} every Lua script runs in. */
final class Sandbox {

    /** The string library's functions, frozen; reached by scripts only through the string metatable. */
    private static final FrozenTable STRING_FUNCTIONS;

    static {
        // LuaJ keeps one string metatable for the whole JVM and lets the first StringLib loaded define it. Install
        // a frozen one first, so no script can alter string methods seen by other worlds.
        LuaString.s_metatable = new LuaTable();
        Globals template = new Globals();
        loadedTable(template);
        template.load(new StringLib());
        LuaTable lib = template.get("string").checktable();
        STRING_FUNCTIONS = new FrozenTable("the string library");
        for (Varargs n = lib.next(LuaValue.NIL); !n.arg1().isnil(); n = lib.next(n.arg1())) {
            STRING_FUNCTIONS.put(n.arg1(), n.arg(2));
        }
        STRING_FUNCTIONS.put(LuaValue.valueOf("rep"), guardedRep(lib.get("rep")));
        STRING_FUNCTIONS.put(LuaValue.valueOf("dump"), LuaValue.NIL);
        Patterns.install(STRING_FUNCTIONS); // matching that counts its steps against the budget
        STRING_FUNCTIONS.freeze();
        FrozenTable meta = new FrozenTable("the string metatable");
        meta.put(LuaValue.INDEX, STRING_FUNCTIONS);
        meta.put(LuaValue.valueOf("__metatable"), LuaValue.FALSE);
        LuaString.s_metatable = meta.freeze();
    }

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private Sandbox() {}

    /**
     * A fresh, isolated set of globals.
     *
     * @param current the entity being run (for print, math.random); null between calls
     */
    static LockedGlobals create(Budget budget, Supplier<EntityContext> current) {
        LockedGlobals g = new LockedGlobals();
        loadedTable(g);
        g.load(new BaseLib());
        g.load(new Bit32Lib());
        g.load(new TableLib());
        g.load(new JseMathLib());
        LuaC.install(g);
        g.debuglib = budget;
        ErrorNames.install(g, budget);
        g.STDOUT = NOWHERE; // nothing a script does may reach the server's stdout
        g.STDERR = NOWHERE;
        g.STDIN = InputStream.nullInputStream();
        g.finder = name -> null;

        LuaTable string = new LuaTable();
        for (Varargs n = STRING_FUNCTIONS.next(LuaValue.NIL); !n.arg1().isnil(); n = STRING_FUNCTIONS.next(n.arg1())) {
            string.rawset(n.arg1(), n.arg(2));
        }
        g.set("string", string);
        LuaTable table = g.get("table").checktable();
        table.set("concat", guardedConcat(table.get("concat")));

        deny(g, "io", "io is not available: scripts have no file or console access; write to the world log with "
                + "print or e.log");
        deny(g, "os", "os is not available: scripts see no wall clock, environment or processes; use e.time for "
                + "simulation time and e.random for randomness");
        deny(g, "luajava", "luajava is not available: scripts cannot reach Java classes");
        deny(g, "debug", "debug is not available in polysim scripts");
        deny(g, "package", "package is not available: a script is self-contained; define helpers in the script");
        deny(g, "coroutine", "coroutine is not available in polysim scripts (LuaJ runs coroutines as Java "
                + "threads); keep the progress of a long task in e.state and continue it next tick");
        denyCall(g, "require", "require is not available: a script is self-contained; define helper functions in "
                + "the same script");
        denyCall(g, "dofile", "dofile is not available: scripts cannot read files");
        denyCall(g, "loadfile", "loadfile is not available: scripts cannot read files");
        g.set("collectgarbage", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.ZERO; // memory is the host's business; a no-op keeps old scripts running
            }
        });
        g.set("load", new TextLoad(g));
        g.set("print", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                EntityContext e = current.get();
                if (e != null) {
                    e.log(join(g, args, 1));
                }
                return LuaValue.NONE;
            }
        });
        LuaTable math = g.get("math").checktable();
        math.set("random", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                EntityContext e = current.get();
                if (e == null) {
                    throw new LuaError("math.random works inside init and update only: randomness comes from the "
                            + "entity's seeded stream");
                }
                return Api.random(e, args, 1);
            }
        });
        math.set("randomseed", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.NONE; // streams are seeded by the world seed; ignoring keeps seed scripts running
            }
        });
        return g;
    }

    /** LuaJ's libraries register themselves in package.loaded; give them one (package itself is denied later). */
    private static void loadedTable(Globals g) {
        LuaTable pkg = new LuaTable();
        pkg.set("loaded", new LuaTable());
        g.set("package", pkg);
    }

    /** Lua's tostring of each argument, tab-separated, as print does. */
    static String join(Globals g, Varargs args, int from) {
        LuaValue tostring = g.get("tostring");
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= args.narg(); i++) {
            if (i > from) {
                sb.append('\t');
            }
            sb.append(tostring.call(args.arg(i)).tojstring());
        }
        return sb.toString();
    }

    private static void deny(Globals g, String name, String message) {
        LuaTable t = new LuaTable();
        LuaTable mt = new LuaTable();
        LuaFunction refuse = refusal(message);
        mt.rawset(LuaValue.INDEX, refuse);
        mt.rawset(LuaValue.NEWINDEX, refuse);
        mt.rawset(LuaValue.CALL, refuse);
        mt.rawset(LuaValue.valueOf("__metatable"), LuaValue.FALSE);
        t.setmetatable(mt);
        g.set(name, t);
    }

    private static void denyCall(Globals g, String name, String message) {
        g.set(name, refusal(message));
    }

    private static LuaFunction refusal(String message) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                throw new LuaError(message);
            }
        };
    }

    private static LuaFunction guardedRep(LuaValue rep) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                long n = Math.max(0, args.checkint(2));
                long size = args.checkstring(1).length() * n
                        + (args.isnoneornil(3) ? 0 : args.checkstring(3).length() * Math.max(0, n - 1));
                Budget b = Budget.current();
                if (b != null) {
                    b.checkString(size, "string.rep");
                }
                return rep.invoke(args);
            }
        };
    }

    private static LuaFunction guardedConcat(LuaValue concat) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Budget b = Budget.current();
                if (b != null) {
                    LuaTable t = args.checktable(1);
                    long sep = args.isnoneornil(2) ? 0 : args.checkstring(2).length();
                    int i = args.optint(3, 1);
                    int j = args.isnoneornil(4) ? t.length() : args.checkint(4);
                    long size = 0;
                    for (int k = i; k <= j; k++) {
                        LuaValue v = t.get(k);
                        size += (v.isstring() ? v.length() : 0) + (k < j ? sep : 0);
                        if (size > b.limits.stringBytes()) {
                            break;
                        }
                    }
                    b.checkString(size, "table.concat");
                }
                return concat.invoke(args);
            }
        };
    }

    /** {@code load} for text chunks only: LuaJ would otherwise run binary chunks, bypassing the compiler. */
    private static final class TextLoad extends VarArgFunction {
        private final Globals g;

        TextLoad(Globals g) {
            this.g = g;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue chunk = args.arg1();
            if (!chunk.isstring()) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(
                        "load accepts source text only (a string), got " + chunk.typename()));
            }
            String text = chunk.tojstring();
            if (text.startsWith("\033")) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("binary chunks are not allowed; "
                        + "load Lua source text"));
            }
            String name = args.optjstring(2, "load");
            LuaValue env = args.isnoneornil(4) ? g : args.checktable(4);
            try {
                return new LuaClosure(g.compilePrototype(new StringReader(text), name), env);
            } catch (LuaError | java.io.IOException e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
            }
        }
    }
}
