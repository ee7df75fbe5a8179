/**
 * Guards a controller may use to keep one script from harming the process: {@link
 * org.polysim.engine.guard.Allocations}, the bytes a thread has allocated (for a per-call budget, so a memory hog
 * fails its own world's tick), and {@link org.polysim.engine.guard.HeapGuard}, the JVM-wide last resort that stops
 * every running call when the live heap runs short. Not part of the controller SPI: a language need not use them,
 * and they are process-wide state, which the SPI keeps out of.
 */
package org.polysim.engine.guard;
