package org.polysim.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/** Snapshots kept on the server, per world name, until the world is deleted; the store keeps them on disk. */
final class Snapshots {

    private final WorldStore store;

    Snapshots(WorldStore store) {
        this.store = store;
    }

    record Snapshot(String id, String label, double time, ObjectNode world) {
    }

    private final Map<String, Map<String, Snapshot>> byWorld = new ConcurrentHashMap<>();
    private final Map<String, Integer> counters = new ConcurrentHashMap<>();

    Snapshot add(String world, String label, double time, ObjectNode snapshot) {
        int n = counters.merge(world, 1, Integer::sum);
        Snapshot s = new Snapshot("snap-" + n, label == null ? "" : label, time, snapshot);
        byWorld.computeIfAbsent(world, w -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()))
                .put(s.id(), s);
        try {
            store.saveSnapshots(world, list(world), n);
        } catch (java.io.IOException e) {
            throw new ToolError("snapshot " + s.id() + " of '" + world + "' is kept in memory, but writing it to the "
                    + "workspace failed (" + e.getMessage() + "); it will not survive a restart");
        }
        return s;
    }

    Snapshot get(String world, String id) {
        Map<String, Snapshot> snaps = byWorld.getOrDefault(world, Map.of());
        Snapshot s = snaps.get(id);
        if (s == null) {
            throw new ToolError("no snapshot '" + id + "' of world '" + world + "' (snapshots: "
                    + (snaps.isEmpty() ? "none; take one with create_world_snapshot"
                    : String.join(", ", snaps.keySet())) + ")");
        }
        return s;
    }

    List<Snapshot> list(String world) {
        Map<String, Snapshot> snaps = byWorld.getOrDefault(world, Map.of());
        synchronized (snaps) {
            return new ArrayList<>(snaps.values());
        }
    }

    void drop(String world) {
        byWorld.remove(world);
        counters.remove(world);
        try {
            store.deleteSnapshots(world);
        } catch (java.io.IOException e) {
            System.err.println("polysim: could not delete the snapshot files of '" + world + "': " + e.getMessage());
        }
    }

    /** Puts back snapshots read from the store at start. */
    void restore(String world, List<Snapshot> snapshots, int counter) {
        Map<String, Snapshot> map = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        snapshots.forEach(s -> map.put(s.id(), s));
        byWorld.put(world, map);
        counters.put(world, counter);
    }
}
