package org.polysim.lang.lua;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * Names the variable a register holds at an instruction, from the bytecode alone, as reference Lua's
 * {@code ldebug.c} does for its error messages: a local by its debug name, otherwise whatever instruction last set the
 * register before that point ({@code field}, {@code global}, {@code upvalue}, {@code method}, {@code constant}).
 */
final class RegisterNames {

    private static final LuaString ENV = LuaValue.valueOf("_ENV");

    private RegisterNames() {}

    /** A kind of variable and its name, shown as Lua shows it: {@code field 'wage'}. */
    record Name(String kind, String name) {
        @Override
        public String toString() {
            return kind + " '" + name + "'";
        }
    }

    /** The name of what register {@code register} holds when instruction {@code pc} runs, or null if unknown. */
    static Name of(Prototype p, int pc, int register) {
        LuaString local = p.locvars == null ? null : p.getlocalname(register + 1, pc);
        if (local != null) {
            return new Name("local", local.tojstring());
        }
        int setter = lastSetter(p, pc, register);
        if (setter < 0) {
            return null;
        }
        int i = p.code[setter];
        return switch (Lua.GET_OPCODE(i)) {
            case Lua.OP_MOVE -> Lua.GETARG_B(i) < Lua.GETARG_A(i) ? of(p, setter, Lua.GETARG_B(i)) : null;
            case Lua.OP_GETTABUP -> indexed(p, setter, Lua.GETARG_C(i), ENV.equals(upvalueName(p, Lua.GETARG_B(i))));
            case Lua.OP_GETTABLE -> indexed(p, setter, Lua.GETARG_C(i),
                    p.locvars != null && ENV.equals(p.getlocalname(Lua.GETARG_B(i) + 1, setter)));
            case Lua.OP_SELF -> named("method", key(p, setter, Lua.GETARG_C(i)));
            case Lua.OP_GETUPVAL -> named("upvalue", upvalueName(p, Lua.GETARG_B(i)));
            case Lua.OP_LOADK -> named("constant", stringConstant(p, Lua.GETARG_Bx(i)));
            case Lua.OP_LOADKX -> setter + 1 < p.code.length
                    ? named("constant", stringConstant(p, Lua.GETARG_Ax(p.code[setter + 1]))) : null;
            default -> null;
        };
    }

    /** The name of an upvalue, or null when the chunk carries none. */
    static LuaString upvalueName(Prototype p, int index) {
        return p.upvalues != null && index < p.upvalues.length ? p.upvalues[index].name : null;
    }

    private static Name indexed(Prototype p, int pc, int keyOperand, boolean inEnvironment) {
        return named(inEnvironment ? "global" : "field", key(p, pc, keyOperand));
    }

    private static Name named(String kind, LuaString name) {
        return name == null ? null : new Name(kind, name.tojstring());
    }

    /** A table key that is a string constant, directly or loaded into a register; null for any other key. */
    private static LuaString key(Prototype p, int pc, int operand) {
        if (Lua.ISK(operand)) {
            return stringConstant(p, Lua.INDEXK(operand));
        }
        Name loaded = of(p, pc, operand);
        return loaded != null && loaded.kind().equals("constant") ? LuaValue.valueOf(loaded.name()) : null;
    }

    private static LuaString stringConstant(Prototype p, int index) {
        LuaValue k = index < p.k.length ? p.k[index] : LuaValue.NIL;
        return k.type() == LuaValue.TSTRING ? k.strvalue() : null;
    }

    /**
     * The last instruction before {@code pc} that wrote {@code register}, or -1. A write inside code that a forward
     * jump may skip does not count, since the value may come from elsewhere.
     */
    private static int lastSetter(Prototype p, int pc, int register) {
        int setter = -1;
        int conditionalUntil = 0; // code before this address may have been jumped over
        for (int at = 0; at < pc && at < p.code.length; at++) {
            int i = p.code[at];
            int op = Lua.GET_OPCODE(i);
            int a = Lua.GETARG_A(i);
            boolean writes = switch (op) {
                case Lua.OP_LOADNIL -> a <= register && register <= a + Lua.GETARG_B(i);
                case Lua.OP_TFORCALL -> register >= a + 2;
                case Lua.OP_CALL, Lua.OP_TAILCALL -> register >= a;
                case Lua.OP_TEST -> register == a;
                case Lua.OP_JMP -> {
                    int target = at + 1 + Lua.GETARG_sBx(i);
                    if (at < target && target <= pc) {
                        conditionalUntil = Math.max(conditionalUntil, target);
                    }
                    yield false;
                }
                default -> Lua.testAMode(op) && register == a;
            };
            if (writes) {
                setter = at < conditionalUntil ? -1 : at;
            }
        }
        return setter;
    }
}
