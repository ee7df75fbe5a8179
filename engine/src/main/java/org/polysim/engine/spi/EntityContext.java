package org.polysim.engine.spi;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a script may see and do during one call. Reads are immediate; every effect on other entities is a command,
 * buffered and applied after all updates of the tick (DESIGN.md "One tick"). Methods throw
 * {@link IllegalArgumentException} with an actionable message on bad arguments; controllers surface it as a script
 * error at the calling line.
 */
public interface EntityContext {

    String id();

    String script();

    /** Current simulation time ({@code tick * dt}). */
    double time();

    /** The entity's state at the start of this call. Treat as read-only: publish changes with {@link #setState}. */
    ObjectNode state();

    /** Replaces the entity's state; effective immediately. The node must not be mutated afterwards. */
    void setState(ObjectNode state);

    /** The world's model parameters, read-only. */
    JsonNode params();

    /** Messages delivered to this entity this tick, in delivery order. Empty in {@code init}. */
    List<InboxMessage> inbox();

    /** Queues a message; {@code delay} counts ticks (whole, &ge; 1; {@code null} means 1). */
    void send(String to, String kind, JsonNode content, Double delay);

    /** Creates an entity after the updates of this tick; returns its id now. */
    String spawn(String script, ObjectNode state);

    /** As {@link #spawn(String, ObjectNode)} with an id the script chose (the seed API's {@code spawn_entity}). */
    String spawn(String id, String script, ObjectNode state);

    /** Removes an entity after the updates of this tick; {@code null} means this entity. */
    void destroy(String id);

    /** Adds {@code value} to metric {@code name} for this tick. */
    void metric(String name, double value);

    /** Appends a line to the world's log. */
    void log(String text);

    /** Uniform double in [0, 1) from this entity's seeded stream. */
    double random();

    /** Uniform integer in [lo, hi] from this entity's seeded stream. */
    long random(long lo, long hi);

    /** Ids of live entities in creation order, all of them or those of one script. */
    List<String> entities(String script);
}
