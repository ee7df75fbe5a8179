package org.polysim.engine;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** An entity's engine-side record. Mutable, confined to its world's thread. */
final class Entity {

    final String id;
    Script script;
    ObjectNode state;
    final Rng rng;
    boolean alive = true;
    final List<Message> inbox = new ArrayList<>(2);
    /** Creation order, for ties in {@code near} and the order of {@code at}; set by the population. */
    long serial;
    /** Position in the world's space, when {@link #placed}; whole numbers in a grid. */
    double x, y, z;
    boolean placed;
    /** Links to its neighbours (its successors in a directed network), null until it has one. */
    Links out;
    /** In a directed network, links from its predecessors (so a destroy can cut them), null until it has one. */
    Links in;
    /** The grid cell or continuous bucket the space indexes it under, while placed. */
    int cell;

    Entity(String id, Script script, ObjectNode state, Rng rng) {
        this.id = id;
        this.script = script;
        this.state = state;
        this.rng = rng;
    }
}
