/**
 * JavaScript scripts on GraalJS, sandboxed per (world, script). Scripts run in strict mode; after the top level has
 * run the global object is frozen, so assigning a global inside {@code update} is an error that points to
 * {@code e.state} (top-level {@code let} bindings are the one gap: they are not properties of the global object).
 * Strings are capped at {@code limits.string_bytes} characters. A {@code BigInt} in a state, message or spawn state
 * is refused naming the field (JSON has none, and would bring it back as a Number; README, "Numbers"). The sandbox policy is TRUSTED with every access
 * denied explicitly, because the CONSTRAINED policy forbids the string length option.
 */
package org.polysim.lang.js;
