package org.polysim.lang.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A table scripts can read (index, {@code pairs}, {@code ipairs}, {@code #}) but not change: used for
 * {@code e.params} and the shared string metatable. Filled through {@link #put} before {@link #freeze}.
 */
final class FrozenTable extends LuaTable {

    private final String name;
    private boolean frozen;

    FrozenTable(String name) {
        this.name = name;
    }

    void put(LuaValue key, LuaValue value) {
        super.rawset(key, value);
    }

    FrozenTable freeze() {
        frozen = true;
        return this;
    }

    private void refuse() {
        if (frozen) {
            throw new LuaError(name + " is read-only; keep values that change in e.state");
        }
    }

    @Override
    public void set(int key, LuaValue value) {
        refuse();
        super.set(key, value);
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        refuse();
        super.set(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        refuse();
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        refuse();
        super.rawset(key, value);
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        refuse();
        super.hashset(key, value);
    }

    @Override
    public LuaValue remove(int pos) {
        refuse();
        return super.remove(pos);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        refuse();
        super.insert(pos, value);
    }

    @Override
    public void sort(LuaValue comparator) {
        refuse();
        super.sort(comparator);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        refuse();
        return super.setmetatable(metatable);
    }
}
