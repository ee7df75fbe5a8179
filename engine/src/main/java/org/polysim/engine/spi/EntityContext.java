package org.polysim.engine.spi;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a script may see and do during one call. Reads are immediate; so are moves, takes, puts and destroys (DESIGN.md
 * "The environment"); messages, spawns, metrics and log lines are commands, buffered and applied after all updates
 * of the tick (DESIGN.md "One tick"). Methods throw
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

    /**
     * As {@link #spawn(String, ObjectNode)}, starting at {@code at} ({@code [x, y]} or {@code [x, y, z]}; null: this
     * entity's position) in a world with space.
     */
    String spawn(String script, ObjectNode state, JsonNode at);

    /**
     * As {@link #spawn(String, ObjectNode)} with an id the script chose; refused when an entity has it. For a
     * language API whose scripts name what they create.
     */
    String spawn(String id, String script, ObjectNode state);

    /**
     * Removes an entity now ({@code null}: this entity): it is not updated later in the tick, no query finds it, and
     * messages to it are dropped. Returns whether it was alive, so two hunters never eat one prey.
     */
    boolean destroy(String id);

    /**
     * Removes an entity ({@code null}: this entity) when the tick's commands apply, after every update: it is still
     * updated and found this tick. For a language API in which removal waits for the end of the step.
     */
    void destroyAfterUpdates(String id);

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

    // ---- space and layers (DESIGN.md "The environment"); each refuses with a clear message in a world without

    /**
     * This entity's coordinate on {@code axis} (0 x, 1 y, 2 z): a {@link Long} in a grid, a {@link Double} in
     * continuous space, null when it has none.
     */
    Number coordinate(int axis);

    /** Moves this entity now; false, with nothing changed, when the target grid cell is full. */
    boolean move(double x, double y, Double z);

    /** Ids of other live entities within {@code r}, nearest first, ties in creation order; of one script if given. */
    List<String> near(double r, String script);

    /** Ids of the entities on a grid cell, in creation order. */
    List<String> at(double x, double y, Double z);

    /** A random free cell {@code [x, y]} (a random position in continuous space) from this entity's stream, or null. */
    JsonNode free();

    /** {@code {id, script, x, y, state}} of a live entity as it is now (read-only), or null. */
    JsonNode look(String id);

    /**
     * What {@link #look} gives of each entity {@link #near} gives, in its order: a model that reads its neighbours
     * makes one call instead of one and one more per neighbour.
     */
    JsonNode nearby(double r, String script);

    /** A layer's value on a cell; this entity's own cell when x and y are null. */
    double layer(String name, Double x, Double y, Double z);

    /** Removes up to {@code amount} from a layer's cell now; returns what was taken. */
    double take(String name, double amount, Double x, Double y, Double z);

    /** Adds up to {@code amount} to a layer's cell now, never above its max; returns what was added. */
    double put(String name, double amount, Double x, Double y, Double z);

    // ---- the network (DESIGN.md "Networks and broadcasts"); every world has one, empty until linked

    /** Ids of this entity's neighbours (successors in a directed network), in creation order. */
    List<String> neighbors();

    /** {@code [{id, weight}]} of this entity's links, in the order of {@link #neighbors}. */
    JsonNode links();

    /**
     * Links this entity to {@code id} now ({@code weight} null: 1); returns false, setting the weight if one is
     * given, when they were linked already. Refuses a link to itself or to an entity that is not alive.
     */
    boolean link(String id, Double weight);

    /** Cuts the link to {@code id} now; returns whether there was one. */
    boolean unlink(String id);

    /** The number of this entity's links (out-links in a directed network). */
    long degree();

    /**
     * A message to many, applied with the other commands: to every neighbour when {@code options} has no
     * {@code radius}; with {@code radius}, to every entity within it of this entity's position now (or of
     * {@code x, y, z}), found when it is delivered, of one {@code script} if given. {@code options.delay} as for {@link #send}. Returns how many
     * neighbours it went to, or null for a broadcast in space (known at delivery).
     */
    Long broadcast(String kind, JsonNode content, ObjectNode options);
}
