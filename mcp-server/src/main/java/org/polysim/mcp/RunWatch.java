package org.polysim.mcp;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.polysim.engine.World;

/**
 * Runs each {@code advance_simulation} on a thread of its own and gives up on one whose script call is stuck.
 *
 * <p>A script's wall-clock budget stops guest code at its next safepoint, but a builtin running host code (a
 * JavaScript BigInt power, a Python {@code 10 ** 10 ** 8}, a huge number printed as text) reaches none until it
 * returns, which can be a minute later. The tool call waits for its run; once the same call has been running for
 * {@link #stuckAfterMillis} of its world's {@code limits.wall_ms}, the run is <em>abandoned</em> and the call
 * answers at once: the world is rebuilt in the background from the workspace (its file and journal hold it as of
 * its last completed call) with the ticks this run completed replayed (deterministic, so the same world), and calls
 * on it wait for that (see {@link ServerState#rebuild}). The old world stays with its thread, which ends, closing
 * it, when the builtin returns. At most {@link #MAX_STUCK}
 * abandoned runs may still be running; past that, runs are refused, so runaways cannot take every core.
 *
 * <p>With {@code serve --ephemeral} nothing is kept to rebuild from, so the call waits for the builtin as before.
 */
final class RunWatch {

    /** Abandoned runs still inside a builtin before new runs are refused. */
    static final int MAX_STUCK = 4;
    /** How often the waiting call looks at the run. */
    private static final long POLL_MILLIS = 50;

    private final ExecutorService runners = Executors.newCachedThreadPool(
            r -> Thread.ofPlatform().daemon().name("polysim-run").unstarted(r));
    private final AtomicInteger stuck = new AtomicInteger();
    /** The calls given up on that are still running, by their run thread: what list_worlds reports. */
    private final java.util.Map<Runs.Run, Stuck> stuckCalls = new java.util.concurrent.ConcurrentHashMap<>();
    private final ServerState state;

    /**
     * A call given up on that still runs inside its builtin, using a core, until the builtin returns: no in-process
     * means stops host code that reaches no safepoint (bench/README.md, "A runaway builtin").
     *
     * @param since when the stuck call began (the server's nanoTime)
     */
    record Stuck(String world, String entity, String script, String language, long since) {
    }

    /** The calls given up on that are still running, oldest first. */
    java.util.List<Stuck> stuckCalls() {
        return stuckCalls.values().stream().sorted(java.util.Comparator.comparingLong(Stuck::since)).toList();
    }

    RunWatch(ServerState state) {
        this.state = state;
    }

    /**
     * When a call counts as stuck: past its budget by half the budget (a second at most), which leaves the
     * watchdog's interrupt and cancel time to act first and still answers well within twice the budget.
     */
    static long stuckAfterMillis(long wallMillis) {
        return wallMillis + Math.min(wallMillis / 2, 1000);
    }

    /**
     * Runs {@code work} (advancing {@code w} for {@code run}) on a run thread and returns what it returns.
     *
     * @throws ToolError when a call got stuck: the rebuilt world is in place, and {@code run.done} counts the
     *                   ticks replayed into it
     */
    <T> T run(Runs.Run run, World w, Callable<T> work) throws Exception {
        if (stuck.get() >= MAX_STUCK) {
            throw new ToolError(stuck.get() + " earlier runs are still stuck in builtins that could not be "
                    + "interrupted; no run starts until one of them ends (they end when their builtin returns). "
                    + "Retry in a while; meanwhile fix the scripts that build giant numbers or strings");
        }
        Future<T> result = runners.submit(() -> {
            try {
                return work.call();
            } finally {
                if (!run.finish()) { // given up on: nobody else holds this world now
                    stuckCalls.remove(run);
                    w.close();
                    stuck.decrementAndGet();
                }
            }
        });
        if (!state.store.keeps()) {
            return unwrap(result, Long.MAX_VALUE);
        }
        long limit = TimeUnit.MILLISECONDS.toNanos(stuckAfterMillis(w.limits().wallMillis()));
        World.Calling seen = w.calling();
        long since = state.nanoTime.getAsLong();
        while (true) {
            try {
                return unwrap(result, POLL_MILLIS);
            } catch (TimeoutException notYet) {
                World.Calling now = w.calling();
                long t = state.nanoTime.getAsLong();
                if (now.entity() == null || now.begun() != seen.begun()) {
                    seen = now;
                    since = t;
                } else if (t - since > limit) {
                    WorldStore.Saved saved = saved(w.name());
                    if (saved == null) {
                        limit = Long.MAX_VALUE; // nothing to rebuild from: wait for the builtin, as --ephemeral does
                    } else {
                        // registered before the run is given up on, so the run's end always finds it to remove
                        stuckCalls.put(run, new Stuck(w.name(), now.entity(), now.script(), now.language(), since));
                        if (run.abandon()) {
                            stuck.incrementAndGet();
                            throw abandon(run, w, saved, now, t - since);
                        }
                        stuckCalls.remove(run);
                    }
                }
            }
        }
    }

    private static <T> T unwrap(Future<T> result, long millis) throws Exception {
        try {
            return millis == Long.MAX_VALUE ? result.get() : result.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw (Error) e.getCause();
        }
    }

    /** The world as the store holds it (as of the run's start), or null, said on stderr, when it cannot be read. */
    private WorldStore.Saved saved(String name) {
        try {
            return state.store.read(name);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("polysim: world '" + name + "' cannot be read back from the workspace (" + e
                    + "); its stuck run is waited for instead of given up");
            return null;
        }
    }

    /** Has the world rebuilt as of the stuck tick's start, and says what happened. */
    private ToolError abandon(Runs.Run run, World stuckWorld, WorldStore.Saved saved, World.Calling call,
                              long nanos) {
        long ticks = run.done;
        state.worlds.rebuild(saved, run.fromTick, ticks);
        run.done = 0; // the rebuild journals the ticks it replays
        long at = run.fromTick + ticks;
        return new ToolError("world '" + stuckWorld.name() + "', tick " + (at + 1) + ": entity '" + call.entity()
                + "' (script '" + call.script() + "', " + call.language() + ") has run one call for "
                + Runs.seconds(nanos) + " s, past its budget of " + stuckWorld.limits().wallMillis()
                + " ms (limits.wall_ms), inside a builtin that cannot be interrupted (a giant number, a huge string "
                + "or sort?). The run was given up: the world goes back to tick " + at + ", its last completed "
                + "tick (" + ticks + " of this run's ticks kept; calls on it wait the moment it takes to rebuild), "
                + "and the stuck call goes on in the background, using a core, until its builtin returns (list_worlds "
                + "shows it and for how long). Fix the script with update_script and advance again.");
    }
}
