/**
 * JavaScript scripts on GraalJS, sandboxed per (world, script). Scripts run in strict mode; after the top level has
 * run the global object is frozen, so assigning a global inside {@code update} is an error that points to
 * {@code e.state}. Top-level {@code let} declarations are rewritten to {@code var} before the script runs
 * ({@link org.polysim.lang.js.TopLevelLet}): a {@code let} is not a property of the global object, so freezing would
 * not cover it and every entity would silently share it. {@code const} needs nothing; objects reachable from a
 * top-level binding stay mutable (freezing them would break scripts that build tables at load time), and so do
 * {@code class} bindings and {@code let}s in top-level blocks. {@code update} and {@code init} may be function
 * declarations or {@code const}/{@code let} functions. Strings are capped at {@code limits.string_bytes} characters.
 * A {@code BigInt} in a state, message or spawn state is refused naming the field (JSON has none, and would bring it
 * back as a Number; README, "Numbers"). The sandbox policy is TRUSTED with every access denied explicitly, because
 * the CONSTRAINED policy forbids the string length option.
 */
package org.polysim.lang.js;
