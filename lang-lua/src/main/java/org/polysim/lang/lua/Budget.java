package org.polysim.lang.lua;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;
import org.polysim.engine.guard.Allocations;
import org.polysim.engine.guard.HeapGuard;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.ScriptException;

/**
 * The per-call limits of one {@code Globals}, enforced through LuaJ's debug hooks (installed as
 * {@code globals.debuglib}, without exposing a {@code debug} table): instructions, call depth, wall-clock time,
 * the size of strings built by {@code ..}, and bytes allocated (checked with the clock, every 1024 instructions).
 * Violations throw {@link Exceeded}, an {@link Error}, because LuaJ's {@code pcall} catches every {@link Exception}
 * and a budget must not be escapable.
 */
final class Budget extends DebugLib {

    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();

    /** A limit was hit; not catchable by scripts. */
    static final class Exceeded extends Error {
        final ScriptException.Kind kind;
        final int line;

        Exceeded(ScriptException.Kind kind, String message, int line) {
            super(message, null, false, false);
            this.kind = kind;
            this.line = line;
        }
    }

    final CallLimits limits;
    private final Prototype[] protos;
    private final LuaValue[][] stacks;
    private final int[] callerPcs;
    private int depth;
    private long remaining;
    private long deadline;
    private long alarms;
    /** When this call began ({@link System#nanoTime}): an alarm confirmed before it does not stop it. */
    private long started;
    private long allocStart;
    private int pc;

    Budget(CallLimits limits) {
        this.limits = limits;
        this.protos = new Prototype[limits.callDepth() + 2];
        this.stacks = new LuaValue[limits.callDepth() + 2][];
        this.callerPcs = new int[limits.callDepth() + 2];
    }

    /** The budget of the call running on this thread, if any. */
    static Budget current() {
        return CURRENT.get();
    }

    /** Starts a fresh allowance for one script call on this thread. */
    void start() {
        depth = 0;
        remaining = limits.instructions();
        deadline = System.nanoTime() + limits.wallMillis() * 1_000_000L;
        alarms = HeapGuard.alarms();
        started = System.nanoTime();
        allocStart = Allocations.current();
        CURRENT.set(this);
    }

    void stop() {
        CURRENT.remove();
    }

    @Override
    public void onCall(LuaFunction f) {
        enter(null, null);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        enter(c.p, stack);
    }

    private void enter(Prototype p, LuaValue[] stack) {
        if (++depth > limits.callDepth()) {
            depth--;
            throw new Exceeded(ScriptException.Kind.BUDGET, "calls nested deeper than " + limits.callDepth()
                    + " (limits.call_depth); is a function recursing without end?", line());
        }
        callerPcs[depth] = pc; // back in the caller, pc is its own again: a failure there is decoded right
        protos[depth] = p;
        stacks[depth] = stack;
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            pc = callerPcs[depth];
            depth--;
        }
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        this.pc = pc;
        if (--remaining < 0) {
            throw new Exceeded(ScriptException.Kind.BUDGET, "used its whole instruction budget of "
                    + limits.instructions() + " (limits.instructions) in a single update or init; is there a loop "
                    + "that never ends? If the work is meant, raise limits.instructions",
                    line());
        }
        if ((remaining & 1023) == 0) {
            checkClockAndHeap();
        }
        Prototype p = protos[depth];
        if (p != null) {
            int i = p.code[pc];
            if ((i & 0x3f) == Lua.OP_CONCAT) {
                LuaValue[] stack = stacks[depth];
                long size = 0;
                for (int r = Lua.GETARG_B(i); r <= Lua.GETARG_C(i); r++) {
                    LuaValue operand = stack[r]; // numbers concatenate as their text; at most 24 characters
                    size += operand.type() == LuaValue.TSTRING ? operand.length() : operand.isnumber() ? 24 : 0;
                }
                checkString(size, "..");
            }
        }
    }

    /** Refuses to build a string longer than {@code limits.string_bytes}. */
    void checkString(long size, String how) {
        if (size > limits.stringBytes()) {
            throw new Exceeded(ScriptException.Kind.BUDGET, how + " would build a string of " + size
                    + " bytes, over limits.string_bytes (" + limits.stringBytes() + ")", line());
        }
        checkClockAndHeap();
    }

    /** Charges pattern-matching work against the instruction budget and the wall clock. */
    void patternSteps(long n) {
        remaining -= n;
        if (remaining < 0) {
            throw new Exceeded(ScriptException.Kind.BUDGET, "used its whole instruction budget of "
                    + limits.instructions() + " (limits.instructions) in a single update or init, inside string "
                    + "pattern matching;"
                    + " simplify the pattern or match shorter strings", line());
        }
        checkClockAndHeap();
    }

    private void checkClockAndHeap() {
        if (System.nanoTime() > deadline) {
            throw timeout();
        }
        if (HeapGuard.stops(alarms, started)) {
            throw new Exceeded(ScriptException.Kind.BUDGET, "was stopped because the server ran short of memory; "
                    + "is the script building ever larger data?", line());
        }
        if (Allocations.current() - allocStart > limits.allocBytes()) {
            throw new Exceeded(ScriptException.Kind.BUDGET, Allocations.overBudget(limits.allocMb()), line());
        }
    }

    private Exceeded timeout() {
        return new Exceeded(ScriptException.Kind.TIMEOUT, "ran longer than " + limits.wallMillis()
                + " ms (limits.wall_ms) in a single update or init; is there a loop that never ends? If the "
                + "work is meant, raise limits.wall_ms", line());
    }

    /** The source line being executed, 0 when unknown. */
    int line() {
        Prototype p = depth >= 0 && depth < protos.length ? protos[depth] : null;
        return p != null && p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length ? p.lineinfo[pc] : 0;
    }

    /**
     * The message of an error raised in the innermost running Lua function, in Lua's words with the variable named
     * when its bytecode knows it. Called by LuaJ before that function's frame is left, so depth and pc are the
     * failing instruction's.
     */
    String named(String message) {
        Prototype p = depth >= 0 && depth < protos.length ? protos[depth] : null;
        return p == null ? message : ErrorNames.name(message, p, pc, stacks[depth]);
    }

    /** LuaJ appends this to error messages; our errors carry the line separately. */
    @Override
    public String traceback(int level) {
        return "";
    }
}
