/**
 * What JavaScript and Python share on GraalVM: one {@link org.graalvm.polyglot.Engine} per language per process
 * (code caching), one sandboxed {@link org.graalvm.polyglot.Context} per (world, script), one guest call per run of
 * consecutive entities of the script in a tick ({@link org.polysim.lang.graal.GraalController#updateAll}), a
 * statement budget reset before every update, a wall-clock and allocation watchdog that stops a runaway update, and
 * a heap guard. Everything crossing the
 * boundary is JSON text: the guest parses its inputs and serialises its state, so guest values never leave this
 * package. Its own module, {@code lang-graal}, holding the polyglot API only: {@code lang-js} and {@code lang-python}
 * each depend on it and bring their own Truffle language.
 *
 * <p>Sandbox: no host class lookup, host access only to {@link org.polysim.lang.graal.HostApi}'s exported methods,
 * no IO, threads, native access, processes, environment or polyglot eval; guest stdout/stderr go to the world log.
 * After a budget, timeout or memory stop the context is closed and rebuilt from the script (entity states live in
 * the engine, so nothing of the world is lost; module globals start fresh).
 */
package org.polysim.lang.graal;
