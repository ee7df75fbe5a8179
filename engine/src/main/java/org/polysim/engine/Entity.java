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

    Entity(String id, Script script, ObjectNode state, Rng rng) {
        this.id = id;
        this.script = script;
        this.state = state;
        this.rng = rng;
    }
}
