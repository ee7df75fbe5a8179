package org.polysim.lang.lua;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Rewrites LuaJ's message for a failed operation ("attempt to perform arithmetic __mul on nil and number") in
 * reference Lua's words, naming the variable that held the bad value when the bytecode knows it ("attempt to
 * perform arithmetic on a nil value (field 'wage')"). The message stays LuaJ's when no name is known, and when the
 * failing instruction and its operands do not match what the message says (the error came from inside a builtin, or
 * a script raised that text itself).
 */
final class ErrorNames {

    private static final Pattern ARITHMETIC =
            Pattern.compile("attempt to perform arithmetic (?:__\\w+ on (\\w+) and (\\w+)|on (\\w+))$");
    private static final Pattern CONCATENATION = Pattern.compile("attempt to concatenate (\\w+) and (\\w+)$");
    private static final Pattern COMPARISON =
            Pattern.compile("attempt to compare (?:__\\w+ on (\\w+) and (\\w+)|(\\w+) with (\\w+))$");
    private static final Pattern CALL = Pattern.compile("attempt to call (\\w+)$");
    private static final Pattern INDEX = Pattern.compile("attempt to index \\? \\(a (\\w+) value\\)$");
    private static final Pattern ASSIGNMENT = Pattern.compile("index expected, got (\\w+)$");
    private static final Pattern LENGTH = Pattern.compile("attempt to get length of (\\w+)$");
    private static final LuaString ENV = LuaValue.valueOf("_ENV");

    private ErrorNames() {}

    /**
     * Names variables in every error raised in {@code g}'s Lua functions: LuaJ hands each to the running thread's
     * message handler (as {@code xpcall} does) before leaving the failing function, the moment its failing instruction
     * can still be read. {@code xpcall} puts its own handler in place for its call and ours back after.
     */
    static void install(Globals g, Budget budget) {
        g.running.errorfunc = handler(budget);
        g.set("error", errorWithNil(g.get("error")));
        g.set("xpcall", namingFirst(g.get("xpcall"), budget));
    }

    /** {@code xpcall}'s own handler replaces ours for its call; give it the named message, as Lua's would get. */
    private static LuaFunction namingFirst(LuaValue xpcall, Budget budget) {
        LuaFunction naming = handler(budget);
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue userHandler = args.arg(2);
                if (userHandler.isnil()) {
                    return xpcall.invoke(args); // LuaJ's own complaint about the missing handler
                }
                return xpcall.invoke(LuaValue.varargsOf(args.arg1(), new OneArgFunction() {
                    @Override
                    public LuaValue call(LuaValue message) {
                        return userHandler.call(naming.call(message));
                    }
                }, args.subargs(3)));
            }
        };
    }

    /** The message handler: the budget knows the failing function, its registers and the failing instruction. */
    private static LuaFunction handler(Budget budget) {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue message) {
                try {
                    return LuaValue.valueOf(budget.named(message.tojstring()));
                } catch (RuntimeException unexpected) {
                    return message; // naming is a courtesy: never let it replace the script's error
                }
            }
        };
    }

    /**
     * {@code error()} and {@code error(nil)}: LuaJ raises them with no message at all, which its message handling
     * cannot pass to a handler; say what the Lua interpreter says of them.
     */
    private static LuaFunction errorWithNil(LuaValue error) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.arg1().isnil()) {
                    throw new LuaError("(error object is a nil value)", args.optint(2, 1));
                }
                return error.invoke(args);
            }
        };
    }

    /**
     * The message of an error raised while instruction {@code pc} of {@code p} ran on registers {@code stack}, with
     * the variable named; the message itself when that cannot be done.
     */
    static String name(String message, Prototype p, int pc, LuaValue[] stack) {
        if (message == null || stack == null || pc < 0 || pc >= p.code.length) {
            return message;
        }
        Operation op = new Operation(message, p, pc, stack);
        int i = p.code[pc];
        int a = Lua.GETARG_A(i);
        int b = Lua.GETARG_B(i);
        int c = Lua.GETARG_C(i);
        String named = switch (Lua.GET_OPCODE(i)) {
            case Lua.OP_ADD, Lua.OP_SUB, Lua.OP_MUL, Lua.OP_DIV, Lua.OP_MOD, Lua.OP_POW ->
                    op.blame(ARITHMETIC, "perform arithmetic on", op.value(b).isnumber() ? c : b);
            case Lua.OP_UNM -> op.blame(ARITHMETIC, "perform arithmetic on", b);
            case Lua.OP_CONCAT -> op.blame(CONCATENATION, "concatenate", op.concatenationCulprit(b, c));
            case Lua.OP_LT, Lua.OP_LE -> op.comparison(b, c);
            case Lua.OP_CALL, Lua.OP_TAILCALL -> op.blame(CALL, "call", a);
            case Lua.OP_GETTABLE, Lua.OP_SELF -> op.blame(INDEX, "index", b);
            case Lua.OP_SETTABLE -> op.blame(ASSIGNMENT, "index", a);
            case Lua.OP_GETTABUP -> op.indexedUpvalue(INDEX, b);
            case Lua.OP_SETTABUP -> op.indexedUpvalue(ASSIGNMENT, a);
            case Lua.OP_LEN -> op.blame(LENGTH, "get length of", b);
            default -> null;
        };
        return named == null ? message : named;
    }

    /** One failed instruction: its message, where it ran, and its operands. */
    private record Operation(String message, Prototype p, int pc, LuaValue[] stack) {

        LuaValue value(int operand) {
            if (Lua.ISK(operand)) {
                return p.k[Lua.INDEXK(operand)];
            }
            return operand < stack.length && stack[operand] != null ? stack[operand] : LuaValue.NIL;
        }

        /**
         * Lua's words for an operation failing on the value of {@code operand}, named, provided LuaJ's message
         * speaks of that value's type.
         */
        String blame(Pattern luajWords, String verb, int operand) {
            if (operand < 0) {
                return null;
            }
            Matcher m = luajWords.matcher(message);
            String type = value(operand).typename();
            if (!m.find() || !mentions(m, type)) {
                return null;
            }
            RegisterNames.Name name = Lua.ISK(operand) ? null : RegisterNames.of(p, pc, operand); // constants have none
            return name == null ? null : say(m, "attempt to " + verb + " a " + type + " value (" + name + ")");
        }

        /** Concatenation runs from the right; Lua blames the left one of the first pair that fails. */
        int concatenationCulprit(int from, int to) {
            for (int r = to; r >= from; r--) {
                if (!concatenable(value(r))) {
                    return r == to && r > from && !concatenable(value(r - 1)) ? r - 1 : r;
                }
            }
            return -1;
        }

        /**
         * Lua's comparison error names no variable; we name the one operand that cannot be ordered (nil, a table, a
         * boolean) when the other can, which is the usual missing field.
         */
        String comparison(int b, int c) {
            Matcher m = COMPARISON.matcher(message);
            LuaValue left = value(b);
            LuaValue right = value(c);
            boolean leftBad = !concatenable(left);
            if (!m.find() || leftBad == !concatenable(right)
                    || !left.typename().equals(m.group(1) != null ? m.group(1) : m.group(3))
                    || !right.typename().equals(m.group(2) != null ? m.group(2) : m.group(4))) {
                return null;
            }
            int culprit = leftBad ? b : c;
            RegisterNames.Name name = Lua.ISK(culprit) ? null : RegisterNames.of(p, pc, culprit);
            return name == null ? null : say(m, "attempt to compare " + left.typename() + " with "
                    + right.typename() + " (" + name + ")");
        }

        /** {@code t.x} where {@code t} is an upvalue; the value is in the closure, so trust the message's type. */
        String indexedUpvalue(Pattern luajWords, int upvalue) {
            Matcher m = luajWords.matcher(message);
            LuaString name = RegisterNames.upvalueName(p, upvalue);
            if (!m.find() || name == null || name.equals(ENV)) {
                return null;
            }
            return say(m, "attempt to index a " + m.group(1) + " value (upvalue '" + name + "')");
        }

        private String say(Matcher m, String words) {
            return message.substring(0, m.start()) + words;
        }

        private static boolean mentions(Matcher m, String type) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (type.equals(m.group(g))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean concatenable(LuaValue v) {
            return v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER;
        }
    }
}
