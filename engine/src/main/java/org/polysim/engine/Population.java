package org.polysim.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live entities in creation order. Destroyed entities stay in the list, marked dead, until the tick commits, so a
 * rolled-back destroy is undone in place without disturbing the order.
 */
final class Population {

    private final List<Entity> ordered = new ArrayList<>();
    private final Map<String, Entity> byId = new HashMap<>();
    private final Map<String, List<String>> idsCache = new HashMap<>();

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
        ordered.add(e);
        byId.put(e.id, e);
        idsCache.clear();
    }

    void kill(Entity e) {
        e.alive = false;
        byId.remove(e.id);
        idsCache.clear();
    }

    void revive(Entity e) {
        e.alive = true;
        byId.put(e.id, e);
        idsCache.clear();
    }

    /**
     * Removes entities added after {@code slots} (rollback of spawns); returns them. An id one of them took from an
     * entity destroyed in the same tick, and revived since, stays the revived entity's.
     */
    List<Entity> truncate(int slots) {
        List<Entity> tail = new ArrayList<>(ordered.subList(slots, ordered.size()));
        ordered.subList(slots, ordered.size()).clear();
        tail.forEach(e -> byId.remove(e.id, e));
        idsCache.clear();
        return tail;
    }

    /** Drops dead slots; called when a tick commits. */
    void compact() {
        if (ordered.size() != byId.size()) {
            ordered.removeIf(e -> !e.alive);
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
}
