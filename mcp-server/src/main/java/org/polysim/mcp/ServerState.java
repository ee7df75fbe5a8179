package org.polysim.mcp;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.polysim.engine.World;
import org.polysim.engine.WorldRegistry;

/** Everything the tools share: the worlds, their snapshots, the workspace, and one lock per world name. */
final class ServerState {

    final WorldRegistry worlds = new WorldRegistry();
    final Snapshots snapshots = new Snapshots();
    final Workspace workspace;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ServerState(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Runs {@code work} holding the lock of world {@code name}: calls on one world never interleave. */
    <T> T locked(String name, Callable<T> work) throws Exception {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        lock.lock();
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    /** Holds two world locks in a fixed order (copy_world), so two copies cannot deadlock. */
    <T> T locked(String a, String b, Callable<T> work) throws Exception {
        if (a.equals(b)) {
            return locked(a, work);
        }
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        return locked(first, () -> locked(second, work));
    }

    World world(String name) {
        try {
            return worlds.get(name);
        } catch (IllegalArgumentException e) {
            throw new ToolError(e.getMessage());
        }
    }
}
