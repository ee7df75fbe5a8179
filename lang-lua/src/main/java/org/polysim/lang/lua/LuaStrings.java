package org.polysim.lang.lua;

import java.util.concurrent.ConcurrentHashMap;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Lua strings for the short texts that cross on every call (state keys, message fields, entity ids), each made
 * once: a Lua string is UTF-8 bytes, and encoding and decoding the same few names on every call was a fifth of a
 * Lua wealth update. Both maps stop growing at {@link #MAX} entries; texts beyond them are converted each time.
 */
final class LuaStrings {

    private static final int MAX = 1 << 15;
    /** Longer texts are rarely repeated names; LuaJ's own cache of recent strings stops at the same length. */
    private static final int LONGEST = 32;
    private static final ConcurrentHashMap<String, LuaString> TO_LUA = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<LuaString, String> TO_JAVA = new ConcurrentHashMap<>();

    private LuaStrings() {}

    static LuaString lua(String text) {
        if (text.length() > LONGEST) {
            return LuaValue.valueOf(text);
        }
        LuaString s = TO_LUA.get(text);
        if (s == null) {
            s = LuaValue.valueOf(text);
            if (TO_LUA.size() < MAX) {
                TO_LUA.put(text, s);
            }
        }
        return s;
    }

    /** A Lua value as Java text ({@link LuaValue#tojstring}). */
    static String java(LuaValue value) {
        // a short string may be a view into a long one's bytes: only one that owns its bytes is kept
        if (!(value instanceof LuaString s) || s.m_bytes.length > LONGEST) {
            return value.tojstring();
        }
        String text = TO_JAVA.get(s);
        if (text == null) {
            text = s.tojstring();
            if (TO_JAVA.size() < MAX) {
                TO_JAVA.put(s, text);
            }
        }
        return text;
    }
}
