/**
 * Python scripts on GraalPy, sandboxed per (world, script) under the CONSTRAINED policy. {@code e.state} and
 * messages are dicts (messages also answer {@code m.kind}); {@code e.params} is a read-only mapping. The
 * {@code random} module draws from the entity's stream; {@code time} and {@code datetime} show the epoch, not the
 * wall clock. A script may assign module globals with {@code global}; they are shared by the script's entities and
 * not saved in snapshots (the docs say so). GraalPy's statement limit does not stop {@code while True: pass}; the
 * wall-clock watchdog does.
 *
 * <p>Numbers: ints stay ints and floats stay floats. Every int within the signed 64-bit range travels exactly,
 * however GraalPy holds it; an int beyond it, {@code inf} and {@code nan} are refused with an error naming the field
 * and what to store instead ({@code float(x)} or {@code str(x)}), the way JavaScript refuses a {@code BigInt}: the
 * other languages and most JSON readers cannot hold such an integer exactly, so storing it would give each reader a
 * different number (README, "Numbers").
 *
 * <p>Errors name the line of the script as written (the prelude is a source of its own, so it shifts nothing), and a
 * syntax error the line CPython names: GraalPy's parser puts two common ones elsewhere, which {@link
 * org.polysim.lang.python.LogicalLines} corrects.
 */
package org.polysim.lang.python;
