/**
 * Lua scripts on LuaJ 3.0.1 (Lua 5.2).
 *
 * <p>Isolation: one {@code Globals} per (world, script) for the polysim API, one per entity for seed-API scripts
 * (they keep their data in globals). Sandbox: no {@code io}, {@code os}, {@code luajava}, {@code debug},
 * {@code require}, {@code package}, {@code dofile}, {@code loadfile}, {@code coroutine} (LuaJ coroutines are Java
 * threads); {@code load} compiles text only; each removed name answers with an error saying why. The string
 * metatable, shared JVM-wide by LuaJ, is replaced once by a frozen one so no world can change another's string
 * methods. A {@link org.polysim.lang.lua.Budget} hook counts instructions, call depth and wall-clock time per call and
 * guards string building ({@code ..}, {@code string.rep}, {@code table.concat}); its errors cannot be caught by
 * {@code pcall}. A runtime error names the variable involved, as reference Lua does ({@code attempt to perform
 * arithmetic on a nil value (field 'wage')}): LuaJ hands each error to the thread's message handler before leaving
 * the failing function, and {@link org.polysim.lang.lua.ErrorNames} decodes its failing instruction there.
 *
 * <p>Lua has one number type: a whole float such as {@code 2.0} comes back to JSON as {@code 2}; {@code nil} cannot
 * be stored in a table, so a JSON {@code null} inside an object is dropped (inside an array it stays).
 */
package org.polysim.lang.lua;
