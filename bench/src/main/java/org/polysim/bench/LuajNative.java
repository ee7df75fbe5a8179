package org.polysim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * {@code bench/native/native.lua} run by plain LuaJ (standard globals, no sandbox, no budget hooks) in this JVM: the
 * interpreter polysim's Lua runs on, without polysim. Separates what LuaJ costs from what polysim adds.
 *
 * <p>usage: {@code LuajNative NATIVE_LUA WORKLOAD N WARMUP BLOCKS TICKS_PER_BLOCK}; prints the program's JSON line.
 */
public final class LuajNative {

    private LuajNative() {}

    public static void main(String[] args) throws Exception {
        Globals globals = JsePlatform.standardGlobals();
        LuaValue[] arg = new LuaValue[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            arg[i - 1] = LuaValue.valueOf(args[i]);
        }
        globals.set("arg", LuaValue.listOf(arg));
        globals.load(Files.readString(Path.of(args[0])), "native.lua").call();
        System.exit(0);
    }
}
