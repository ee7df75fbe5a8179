package org.polysim.mcp;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.polysim.engine.World;

/**
 * Named worlds of one server. Thread-safe; each world serializes its own calls. Server policy, not the engine's:
 * its refusals speak of the server's tools.
 */
final class WorldRegistry {

    private final Map<String, World> worlds = new ConcurrentHashMap<>();

    /** The world named {@code name}, or an error listing the known names. */
    World get(String name) {
        World w = worlds.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no world '" + name + "' (worlds: "
                    + (worlds.isEmpty() ? "none; create one with create_world" : String.join(", ", names())) + ")");
        }
        return w;
    }

    /** The world named {@code name}, or null. */
    World find(String name) {
        return worlds.get(name);
    }

    boolean contains(String name) {
        return worlds.containsKey(name);
    }

    /** Adds a world; refuses a taken name unless {@code replace}, closing the one replaced. */
    void put(World world, boolean replace) {
        if (replace) {
            World old = worlds.put(world.name(), world);
            if (old != null && old != world) {
                old.close();
            }
        } else if (worlds.putIfAbsent(world.name(), world) != null) {
            world.close();
            throw new IllegalArgumentException("a world named '" + world.name()
                    + "' exists; delete it first, choose another name, or ask to replace it");
        }
    }

    /**
     * Takes world {@code name} out without closing it: another thread may still be inside it (a run given up on),
     * and closes it when done. Returns it, or null.
     */
    World detach(String name) {
        return worlds.remove(name);
    }

    void remove(String name) {
        World w = worlds.remove(name);
        if (w == null) {
            get(name); // throws the helpful message
        }
        w.close();
    }

    List<String> names() {
        return List.copyOf(new TreeSet<>(worlds.keySet()));
    }
}
