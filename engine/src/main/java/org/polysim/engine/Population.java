package org.polysim.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.polysim.engine.Definition.EntityDef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live entities in creation order, with the id counters. Destroyed entities stay in the list, marked dead, until the
 * change commits, so a rolled-back destroy is undone in place without disturbing the order.
 *
 * <p>Rollback: {@link #touch} keeps an entity's state and generator before a script may change them, {@link #kill}
 * remembers whom it killed, and spawns are the slots added since {@link #begin}.
 */
final class Population implements Part {

    private final List<Entity> ordered = new ArrayList<>();
    private final Map<String, Entity> byId = new HashMap<>();
    private final Map<String, List<String>> idsCache = new HashMap<>();
    final Map<String, Long> counters;
    /** Explicit (not generated) ids of destroyed entities: few, named by people, kept for diagnostics only. */
    private final java.util.Set<String> retired = new java.util.HashSet<>();
    private long serials;

    // what rollback needs
    private int startSlots;
    private Map<String, Long> startCounters = Map.of();
    private final List<Entity> touched = new ArrayList<>();
    private final List<ObjectNode> savedStates = new ArrayList<>();
    private long[] savedRng = new long[16];
    private final List<Entity> killed = new ArrayList<>();
    private List<Entity> removed = List.of();

    private static final String ENTITIES = "entities";
    private static final String COUNTERS = "counters";
    private static final String ID = "id";
    private static final String SCRIPT = "script";
    private static final String STATE = "state";
    private static final String RNG = "rng";
    private static final String AT = "at";
    private static final Set<String> ENTITY = WorldSchema.names(WorldSchema.ENTITY);
    private static final Fields FIELDS = WorldSchema.FIELDS;

    /** What a world file says of the population: its entities (groups expanded) and the id counters. */
    record Saved(List<EntityDef> entities, Map<String, Long> counters) {
    }

    /**
     * Reads {@code entities} and {@code counters}; generated ids count on from the counters.
     *
     * @param scripts the library's script ids
     * @param space   null in a world without space
     */
    static Saved read(ObjectNode top, Set<String> scripts, SpaceSpec space) {
        Map<String, Long> counters = new LinkedHashMap<>();
        JsonNode node = top.get(COUNTERS);
        if (node != null && !node.isNull()) {
            ObjectNode o = FIELDS.object(node, COUNTERS);
            for (var e : o.properties()) {
                counters.put(e.getKey(), FIELDS.optLong(o, e.getKey(), 0, COUNTERS));
            }
        }
        List<EntityDef> entities = entities(top.get(ENTITIES), scripts, counters, space);
        return new Saved(entities, counters);
    }

    private static List<EntityDef> entities(JsonNode node, Set<String> scripts, Map<String, Long> counters,
                                            SpaceSpec space) {
        List<EntityDef> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new WorldFileException(ENTITIES, "expected a list of entities, got " + Fields.describe(node));
        }
        Set<String> explicit = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i).get(ID);
            if (id != null && id.isString() && !explicit.add(id.stringValue())) {
                throw new WorldFileException(ENTITIES + "[" + i + "]." + ID, "duplicate entity id '" + id.stringValue()
                        + "'; ids must be unique in a world");
            }
        }
        for (int i = 0; i < node.size(); i++) {
            String where = ENTITIES + "[" + i + "]";
            ObjectNode e = FIELDS.object(node.get(i), where);
            FIELDS.known(e, ENTITY, where);
            String script = FIELDS.requiredString(e, SCRIPT, where);
            if (!scripts.contains(script)) {
                throw new WorldFileException(where + "." + SCRIPT, "no script '" + script
                        + "' in the library (known: " + String.join(", ", scripts) + ")");
            }
            ObjectNode state = e.has(STATE) && !e.get(STATE).isNull()
                    ? FIELDS.object(e.get(STATE), where + "." + STATE)
                    : JsonNodeFactory.instance.objectNode();
            Long rng = e.has(RNG) ? FIELDS.optLong(e, RNG, 0, where) : null;
            Space.Placement at = Space.placement(e.get(AT), space, where + "." + AT);
            if (e.has("count")) {
                if (e.has("id")) {
                    throw new WorldFileException(where, "give either id (one entity) or count (a group), not both");
                }
                long count = FIELDS.optLong(e, "count", 1, where);
                if (count < 0) {
                    throw new WorldFileException(where + ".count", "must be >= 0, got " + count);
                }
                for (long k = 0; k < count; k++) {
                    out.add(new EntityDef(nextId(script, counters, explicit), script, state, rng, at));
                }
            } else if (e.has("id")) {
                String id = FIELDS.requiredString(e, ID, where);
                if (id.isBlank()) {
                    throw new WorldFileException(where + ".id", "must not be empty");
                }
                out.add(new EntityDef(id, script, state, rng, at));
            } else {
                out.add(new EntityDef(nextId(script, counters, explicit), script, state, rng, at));
            }
        }
        return out;
    }

    /** {@code <script>-<k>}, k counting on per script and skipping ids taken explicitly. */
    static String nextId(String script, Map<String, Long> counters, Predicate<String> taken) {
        while (true) {
            String id = script + "-" + counters.merge(script, 1L, Long::sum);
            if (!taken.test(id)) {
                return id;
            }
        }
    }

    private static String nextId(String script, Map<String, Long> counters, Set<String> taken) {
        String id = nextId(script, counters, taken::contains);
        taken.add(id);
        return id;
    }

    /** How many coordinates a position has in snapshots: 2, 3 in a 3D space, 0 in a world without space. */
    private final int axes;

    Population(Map<String, Long> counters, int axes) {
        this.counters = new HashMap<>(counters);
        this.axes = axes;
    }

    int slots() {
        return ordered.size();
    }

    int live() {
        return byId.size();
    }

    Entity get(String id) {
        return byId.get(id);
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    void add(Entity e) {
        e.serial = serials++;
        ordered.add(e);
        byId.put(e.id, e);
        idsCache.clear();
    }

    /** Before a script may change {@code e}'s state or draw from its generator: keep both for rollback. */
    void touch(Entity e) {
        int i = touched.size();
        if (i == savedRng.length) {
            savedRng = java.util.Arrays.copyOf(savedRng, i * 2);
        }
        touched.add(e);
        savedStates.add(e.state);
        savedRng[i] = e.rng.state;
    }

    void kill(Entity e) {
        e.alive = false;
        byId.remove(e.id);
        idsCache.clear();
        killed.add(e);
    }

    /** Entities killed since {@link #begin}, in order. */
    List<Entity> killed() {
        return killed;
    }

    /** Entities whose state a script may have changed since {@link #begin}, in order. */
    List<Entity> touched() {
        return touched;
    }

    /** The entities the last {@link #rollback} took out (spawned in the failed change). */
    List<Entity> removed() {
        return removed;
    }

    /** Drops dead slots; called when a change commits. */
    void compact() {
        if (ordered.size() != byId.size()) {
            ordered.removeIf(e -> !e.alive);
        }
    }

    /**
     * Whether {@code id} is or may once have been an entity here: live, or shaped like an id this world has
     * generated ({@code <script>-<k>} with k not above the script's counter), or an explicit id once destroyed. A
     * message to anything else was addressed to an id that never existed, almost always a typo worth reporting.
     */
    boolean mayHaveExisted(String id) {
        if (byId.containsKey(id) || retired.contains(id)) {
            return true;
        }
        int dash = id.lastIndexOf('-');
        if (dash <= 0) {
            return false;
        }
        Long counter = counters.get(id.substring(0, dash));
        String k = id.substring(dash + 1);
        try { // only the form this world writes: "wolf-00" or "wolf-+1" never was an id here
            long n = Long.parseLong(k);
            return counter != null && n >= 1 && n <= counter && Long.toString(n).equals(k);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** An entity is gone; remember its id if {@link #mayHaveExisted} could not tell from its shape. */
    void retire(String id) {
        if (!mayHaveExisted(id)) {
            retired.add(id);
        }
    }

    /** Live entities in creation order (a fresh list). */
    List<Entity> liveInOrder() {
        List<Entity> out = new ArrayList<>(byId.size());
        for (Entity e : ordered) {
            if (e.alive) {
                out.add(e);
            }
        }
        return out;
    }

    /** Ids of live entities, optionally of one script; cached until the population changes. */
    List<String> ids(String script) {
        return idsCache.computeIfAbsent(script == null ? "" : "\0" + script, key -> {
            List<String> ids = new ArrayList<>();
            for (Entity e : ordered) {
                if (e.alive && (script == null || e.script.id().equals(script))) {
                    ids.add(e.id);
                }
            }
            return Collections.unmodifiableList(ids);
        });
    }

    @Override
    public void begin() {
        startSlots = ordered.size();
        startCounters = new HashMap<>(counters);
        touched.clear();
        savedStates.clear();
        killed.clear();
        removed = List.of();
    }

    /**
     * States and generators back (newest first, so an entity touched twice ends as it began), the killed alive, the
     * spawned gone. An id a spawned entity took from one killed in the same change stays the revived one's.
     */
    @Override
    public void rollback() {
        for (int i = touched.size() - 1; i >= 0; i--) {
            touched.get(i).state = savedStates.get(i);
            touched.get(i).rng.state = savedRng[i];
        }
        for (Entity e : killed) {
            e.alive = true;
            byId.put(e.id, e);
        }
        List<Entity> tail = new ArrayList<>(ordered.subList(startSlots, ordered.size()));
        ordered.subList(startSlots, ordered.size()).clear();
        tail.forEach(e -> byId.remove(e.id, e));
        idsCache.clear();
        counters.clear();
        counters.putAll(startCounters);
        removed = tail;
    }

    @Override
    public void write(ObjectNode snapshot) {
        ArrayNode entities = snapshot.putArray(ENTITIES);
        for (Entity e : liveInOrder()) {
            ObjectNode o = entities.addObject();
            o.put(ID, e.id);
            o.put(SCRIPT, e.script.id());
            o.set(STATE, e.state.deepCopy());
            o.put(RNG, e.rng.state);
            if (e.placed) {
                ArrayNode at = o.putArray(AT);
                at.add(Numbers.node(e.x)).add(Numbers.node(e.y));
                if (axes == 3) {
                    at.add(Numbers.node(e.z));
                }
            } else if (axes > 0) {
                o.put(AT, "none"); // without it, loading would place the entity at random
            }
        }
        ObjectNode cs = snapshot.putObject(COUNTERS);
        new java.util.TreeMap<>(counters).forEach(cs::put);
    }
}
