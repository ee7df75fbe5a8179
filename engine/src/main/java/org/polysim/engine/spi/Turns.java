package org.polysim.engine.spi;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

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

    /**
     * What the run holds from the update in progress on (or from the first, before any): up to {@code max} entities,
     * each with its state and inbox as they are now. {@link #next} gives them in this order, skipping any destroyed
     * meanwhile. A guest language hands them over in one crossing instead of several per update; by default nothing
     * is known ahead.
     */
    default List<Upcoming> ahead(int max) {
        return List.of();
    }

    /** One entity of {@link #ahead}: its id, its state (the engine's tree, not to be changed) and its inbox. */
    record Upcoming(String id, ObjectNode state, List<? extends InboxMessage> inbox) {
    }
}
