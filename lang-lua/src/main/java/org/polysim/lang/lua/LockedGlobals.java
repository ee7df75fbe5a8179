package org.polysim.lang.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * Globals that refuse writes once locked. A polysim script's globals are shared by every entity of the script and
 * are not in snapshots, so after the top-level chunk has run, assigning a global is an error pointing to
 * {@code e.state}. Subclassing catches assignments to existing globals too, which {@code __newindex} would miss.
 */
final class LockedGlobals extends Globals {

    private boolean locked;

    void lock() {
        locked = true;
    }

    private void check(LuaValue key) {
        if (locked) {
            String k = key.tojstring();
            throw new LuaError("assigned global '" + k + "' inside init/update; globals are shared by every entity "
                    + "of this script and are not saved in snapshots: keep per-entity data in e.state (e.state." + k
                    + " = ...) or declare it local");
        }
    }

    @Override
    public void set(int key, LuaValue value) {
        check(LuaValue.valueOf(key));
        super.set(key, value);
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        check(key);
        super.set(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        check(LuaValue.valueOf(key));
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        check(key);
        super.rawset(key, value);
    }
}
