package org.polysim.engine.spi;

/**
 * The updates of one tick that fall to one controller in a row: consecutive entities, in schedule order, whose script
 * is the controller's. A guest language runs the whole run in one call into its context instead of one call per
 * entity; the order, and everything each update sees, stays that of one call per entity.
 */
public interface Turns {

    /**
     * Ends the previous entity's update, if any, and begins the next one's: the next live entity of the run (one
     * destroyed earlier in the tick is skipped), or null when the run is over. Its limits start afresh: they hold
     * per update, not per run.
     */
    EntityContext next();
}
