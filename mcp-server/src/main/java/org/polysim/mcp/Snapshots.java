package org.polysim.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/** Snapshots kept on the server, per world name, until the world is deleted. */
final class Snapshots {

    record Snapshot(String id, String label, double time, ObjectNode world) {
    }

    private final Map<String, Map<String, Snapshot>> byWorld = new ConcurrentHashMap<>();
    private final Map<String, Integer> counters = new ConcurrentHashMap<>();

    Snapshot add(String world, String label, double time, ObjectNode snapshot) {
        int n = counters.merge(world, 1, Integer::sum);
        Snapshot s = new Snapshot("snap-" + n, label == null ? "" : label, time, snapshot);
        byWorld.computeIfAbsent(world, w -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()))
                .put(s.id(), s);
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
    }
}
