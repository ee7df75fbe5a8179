package org.polysim.engine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a script asked for during a tick; applied in issue order after every update (DESIGN.md step 4). */
sealed interface Command {

    record Send(String from, String to, String kind, JsonNode content, double sentAt, long delayTicks)
            implements Command {
    }

    /**
     * A message to many: to each of {@code to} (a network broadcast, the sender's neighbours when it was issued), or,
     * when {@code reach} is given, to whoever is within it at delivery (a broadcast in space).
     */
    record Broadcast(String from, java.util.List<String> to, Message.Reach reach, String kind, JsonNode content,
                     double sentAt, long delayTicks) implements Command {
    }

    /** @param at where it starts in the space ({@link Space.Placement#NONE} without one) */
    record Spawn(String id, String script, ObjectNode state, Space.Placement at) implements Command {
    }

    /** A destroy applied after the updates (EntityContext.destroyAfterUpdates); destroy itself is immediate. */
    record Destroy(String id) implements Command {
    }

    record Metric(String name, double value) implements Command {
    }

    record Log(String entity, String text) implements Command {
    }
}
