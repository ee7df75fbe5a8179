/**
 * Python scripts on GraalPy, sandboxed per (world, script) under the CONSTRAINED policy. {@code e.state} and
 * messages are dicts (messages also answer {@code m.kind}); {@code e.params} is a read-only mapping. The
 * {@code random} module draws from the entity's stream; {@code time} and {@code datetime} show the epoch, not the
 * wall clock. A script may assign module globals with {@code global}; they are shared by the script's entities and
 * not saved in snapshots (the docs say so). GraalPy's statement limit does not stop {@code while True: pass}; the
 * wall-clock watchdog does.
 */
package org.polysim.lang.python;
