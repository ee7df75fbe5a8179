package org.polysim.mcp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.polysim.engine.World;

/**
 * The server's worlds: look one up by name, hold its lock while a tool acts on it ({@link #withWorld}, the one way a
 * tool does), and write what the call changed to the store before the lock is released; load the stored worlds at
 * start and rebuild one a stuck run was holding.
 *
 * <p>A world is held for the whole of an {@code advance_simulation}, which may take minutes. Other calls on that
 * world wait at most {@link #BUSY_WAIT_MS} and are then told it is running, at which tick and how to stop it;
 * calls on other worlds, and {@code list_worlds}, never wait for it.
 */
final class Worlds {

    /** How long a call waits for a world held by a run before it answers that the world is busy. */
    static final long BUSY_WAIT_MS = 1000;

    private final WorldRegistry registry = new WorldRegistry();
    private final WorldStore store;
    private final Snapshots snapshots;
    private final Runs runs;
    private final LongSupplier nanoTime;
    /** Worlds found in the store at start and not yet loaded, in the order the loader takes them. */
    private final Map<String, java.util.concurrent.FutureTask<World>> loading = new java.util.concurrent
            .ConcurrentSkipListMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** The version of each world its store's journal already covers (the last run's end). */
    private final Map<String, Long> journaled = new ConcurrentHashMap<>();

    Worlds(WorldStore store, Snapshots snapshots, Runs runs, LongSupplier nanoTime) {
        this.store = store;
        this.snapshots = snapshots;
        this.runs = runs;
        this.nanoTime = nanoTime;
    }

    // ---------------------------------------------------------------- the registry

    /** The world {@code name}, or the tool's error naming the worlds there are. */
    World world(String name) {
        try {
            return registry.get(name);
        } catch (IllegalArgumentException e) {
            throw new ToolError(e.getMessage());
        }
    }

    /** The world {@code name}, or null. */
    World find(String name) {
        return registry.find(name);
    }

    boolean contains(String name) {
        return registry.contains(name);
    }

    /** Adds {@code world}; unless {@code replace}, a world of that name is an error. */
    void put(World world, boolean replace) {
        registry.put(world, replace);
    }

    void remove(String name) {
        registry.remove(name);
    }

    List<String> names() {
        return registry.names();
    }

    // ---------------------------------------------------------------- acting on a world

    /** Thrown by {@link #lockedOr} inside {@link #withoutWaiting} where the call would have to wait. */
    static final class WouldWait extends RuntimeException {
        private static final WouldWait INSTANCE = new WouldWait();

        private WouldWait() {
            super("the world is held or still loading", null, false, false); // no stack: it is not an error
        }
    }

    /** Set while {@link #withoutWaiting} runs work on this thread. */
    private static final ThreadLocal<Boolean> NOT_WAITING = ThreadLocal.withInitial(() -> false);

    /**
     * Runs {@code work} now if it need not wait for a world (its lock is free and it is loaded); otherwise returns
     * null before {@code work} touched the world, for the caller to run it where it may wait. For read-only calls,
     * which do nothing before they take the world's lock.
     */
    <T> T withoutWaiting(java.util.function.Supplier<T> work) {
        NOT_WAITING.set(true);
        try {
            return work.get();
        } catch (WouldWait e) {
            return null;
        } finally {
            NOT_WAITING.set(false);
        }
    }

    /** Runs {@code work} holding the lock of world {@code name}: calls on one world never interleave. */
    <T> T locked(String name, Callable<T> work) throws Exception {
        return lockedOr(name, work, run -> {
            throw new ToolError(busy(run));
        });
    }

    /** Work on one world, given the world: see {@link #withWorld}. */
    @FunctionalInterface
    interface WorldWork<T> {
        T on(World world) throws Exception;
    }

    /**
     * The one way a tool acts on a named world: under its lock ({@link #locked(String, Callable)}: busy while a run
     * holds it, stored before the lock is released), given the world, or the tool's error naming the worlds there
     * are.
     */
    <T> T withWorld(String name, WorldWork<T> work) throws Exception {
        return locked(name, () -> work.on(world(name)));
    }

    /**
     * As {@link #locked(String, Callable)}, answering {@code whenBusy} if a run holds the world. Whatever the call
     * changed (even a run that failed after some ticks) is in the store before the lock is released, so a change
     * is durable when the call returns.
     */
    <T> T lockedOr(String name, Callable<T> work, java.util.function.Function<Runs.Run, T> whenBusy) throws Exception {
        boolean mayWait = !NOT_WAITING.get();
        if (!mayWait && loading.containsKey(name)) {
            throw WouldWait.INSTANCE;
        }
        awaitLoad(name);
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        if (!(mayWait ? lock.tryLock(BUSY_WAIT_MS, TimeUnit.MILLISECONDS) : lock.tryLock())) {
            if (!mayWait) {
                throw WouldWait.INSTANCE;
            }
            Runs.Run run = runs.of(name);
            if (run != null) {
                return whenBusy.apply(run);
            }
            lock.lock(); // held by a short call (a create, a copy): worth waiting for
        }
        World before = registry.find(name);
        long version = before == null ? -1 : before.version();
        boolean done = false;
        try {
            T result = work.call();
            done = true;
            return result;
        } finally {
            try {
                persist(name, before, version);
            } catch (java.io.IOException e) {
                String why = "world '" + name + "' changed in memory, but writing it to the workspace failed ("
                        + e.getMessage() + "); the change will not survive a restart";
                System.err.println("polysim: " + why);
                if (done) {
                    throw new ToolError(why);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void persist(String name, World before, long version) throws java.io.IOException {
        if (loading.containsKey(name)) {
            return; // being rebuilt from the store (see rebuild): the store has it already
        }
        World after = registry.find(name);
        if (after != before) { // deleted or replaced: the old world's journal and pending writes are void
            journaled.remove(name);
            if (before != null) {
                store.replaced(name);
            }
        }
        if (after == null) {
            if (before != null) {
                store.delete(name);
            }
            return;
        }
        boolean changed = after != before || after.version() != version;
        boolean inJournal = after == before && Long.valueOf(after.version()).equals(journaled.get(name));
        if (changed && !inJournal) {
            store.save(after);
        }
    }

    /** Finds the worlds kept in the store; {@link #loadStored} loads them. */
    void findStored() throws java.io.IOException {
        for (WorldStore.Stored s : store.list()) {
            loading.put(s.name(), new java.util.concurrent.FutureTask<>(() -> {
                World w = store.load(s, snapshots);
                if (w != null) {
                    registry.put(w, false);
                }
                return w;
            }));
        }
    }

    /** Loads the stored worlds one by one (a call on one not yet loaded loads it first, see {@link #awaitLoad}). */
    void loadStored() {
        for (String name : loading.keySet()) {
            awaitLoad(name);
        }
        if (!loading.isEmpty() || store.keeps()) {
            System.err.println("polysim: loaded " + registry.names().size() + " world(s) from the workspace");
        }
    }

    /** Waits until the stored world {@code name}, if there is one, is loaded (loading it now if no one has). */
    void awaitLoad(String name) {
        var task = loading.get(name);
        if (task != null) {
            task.run(); // no-op when the loader has started or finished it
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("polysim: loading '" + name + "' failed: " + e.getCause());
            }
            loading.remove(name);
        }
    }

    /**
     * Gives up on world {@code name}, which a stuck run still holds: takes it out of the registry without closing
     * it, and rebuilds it in the background from the store (as of the start of that run) plus the run's
     * {@code ticks} completed ticks from tick {@code from}, replayed. Calls on it wait for the rebuild, as for a
     * world still loading at start. Call it holding the world's lock.
     *
     * @param saved the world as the store held it when the run started ({@link WorldStore#read}, read first, so a
     *              failure to read leaves the run and the world as they are)
     */
    void rebuild(WorldStore.Saved saved, long from, long ticks) {
        String name = saved.name();
        registry.detach(name);
        var task = new java.util.concurrent.FutureTask<World>(() -> {
            World w = WorldStore.rebuild(saved);
            try {
                w.advance(ticks);
            } catch (org.polysim.engine.SimulationException e) { // ticks that completed once; should not happen
                System.err.println("polysim: replaying the run of '" + name + "' given up on failed at tick "
                        + w.tick() + ": " + e.getMessage());
            }
            registry.put(w, false);
            store.advanced(w, from, w.tick() - from, 0);
            return w;
        });
        loading.put(name, task);
        Thread.ofPlatform().daemon().name("polysim-rebuild").start(task);
    }

    /** Names of stored worlds still loading. */
    java.util.Set<String> stillLoading() {
        return loading.keySet();
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

    /**
     * Registers {@code run} while {@code work} runs it (under the world's lock); then journals the ticks it ran, as
     * one line, which is cheaper than writing the world (see {@link WorldStore}).
     */
    <T> T running(Runs.Run run, Callable<T> work) throws Exception {
        runs.start(run);
        try {
            return work.call();
        } finally {
            runs.end(run);
            World w = registry.find(run.world);
            if (w != null && run.done > 0) {
                try { // the ticks it ran, as one journal line: cheaper than writing the world (see WorldStore)
                    store.advanced(w, run.fromTick, run.done, nanoTime.getAsLong() - run.startedNanos);
                    journaled.put(run.world, w.version());
                } catch (java.io.IOException e) {
                    System.err.println("polysim: journal of '" + run.world + "' not written (" + e.getMessage()
                            + "); writing the whole world instead");
                }
            }
        }
    }

    /** What a call on a running world is told instead of waiting for the whole run. */
    String busy(Runs.Run run) {
        World w = registry.find(run.world);
        long tick = w == null ? run.fromTick : w.status().tick();
        return "world '" + run.world + "' is busy: advance_simulation is running it, at tick " + tick + " of "
                + run.toTick + " (started at tick " + run.fromTick + ", " + Runs.seconds(nanoTime.getAsLong()
                - run.startedNanos) + " s ago). Calls on other worlds are answered meanwhile. Wait for the run "
                + "to return (it stops by itself at its max_seconds), or cancel its request; list_worlds shows "
                + "its progress.";
    }

}
