package org.polysim.engine;

import tools.jackson.databind.node.ObjectNode;

/**
 * A piece of world data that a failed tick puts back (DESIGN.md "One tick": atomic ticks). Each part remembers at
 * {@link #begin} what its own rollback needs, as cheaply as it can (a few numbers, a journal of what changed, a copy
 * made on first write), and writes itself into snapshots. The tick knows parts only through this interface, so a new
 * kind of world data (a space, a layer) is one new class, not an edit to the tick.
 */
interface Part {

    /** A tick or an edit between ticks begins: from now on, remember what {@link #rollback} needs. */
    void begin();

    /** What happened since {@link #begin} failed: put everything back as it was then. */
    void rollback();

    /** Writes this part's fields into a snapshot (a world file tree). */
    void write(ObjectNode snapshot);
}
