package org.polysim.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.polysim.engine.spi.ScriptException;

/**
 * One transaction on a world: a tick, or an edit between ticks (a creation, an added or removed entity, new states, a
 * replaced script). Beginning one makes every {@link Part} remember what its rollback needs; what scripts ask for is
 * buffered as {@link Command}s and applied in issue order; what is recorded for later (metrics, log lines, deliveries)
 * waits for {@link #commit}. A failure {@link #undo}es it all, so the world is exactly as it was when the change began.
 *
 * <p>Built from the world's parts, not from {@link World}; it calls scripts ({@code init} of a spawn, {@code restore}
 * after an edit or a rollback) through {@link Calls}, so the transaction knows controllers and not the entity API.
 */
final class Change {

    /** How a change enters scripts: the entity API builds each call's context. */
    interface Calls {
        void init(Change change, Entity entity) throws ScriptException;

        void restore(Change change, Entity entity) throws ScriptException;
    }

    final WorldParts world;
    private final Calls calls;
    private final List<Command> commands = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final List<LogLine> lines = new ArrayList<>();
    private final Set<String> spawning = new HashSet<>();
    /** Spawns destroyed before they were applied: their commands are skipped. */
    private final Set<String> cancelled = new HashSet<>();
    private final List<Message> deliveredNow = new ArrayList<>();
    /** Recipients of dropped messages that never existed (almost always a typo), first seen first. */
    private final Set<String> unknownRecipients = new LinkedHashSet<>();
    /** The entity a failure is blamed on: the one whose script runs or whose command applies. */
    private Entity current;
    /** Index of the next command {@link #apply} takes; on failure, the commands from here on never applied. */
    private int next;

    Change(WorldParts world, Calls calls) {
        this.world = world;
        this.calls = calls;
        world.parts.forEach(Part::begin);
    }

    // ---------------------------------------------------------------- what scripts and the tick add

    void command(Command c) {
        commands.add(c);
    }

    int pendingSpawns() {
        return spawning.size();
    }

    boolean spawning(String id) {
        return spawning.contains(id);
    }

    /** A spawn command was issued for {@code id}: it counts against limits and can be destroyed this tick. */
    void reserve(String id) {
        spawning.add(id);
    }

    /** A spawn not yet applied is destroyed: it never happens (its id stays used). */
    void cancel(String id) {
        spawning.remove(id);
        cancelled.add(id);
    }

    /** The script of {@code e} is about to run: a failure from here on is blamed on it. */
    void entering(Entity e) {
        current = e;
        world.calling(e);
    }

    /** A message reached its recipient's inbox: it joins the recent deliveries when the change commits. */
    void delivered(Message m) {
        deliveredNow.add(m);
    }

    /** A message found no recipient: counted, and logged when the change commits. */
    void dropped(Message m) {
        world.mail.drop();
        boolean unknown = !world.population.mayHaveExisted(m.to());
        if (unknown) {
            unknownRecipients.add(m.to());
        }
        lines.add(new LogLine(world.clock.tick, world.time(), "", LogLine.Kind.DROPPED, "dropped message '"
                + m.kind() + "' from " + m.from() + " to " + m.to() + (unknown
                ? ": there is no entity '" + m.to() + "' and never was (a typo?)"
                : ": no such entity at delivery")));
    }

    Set<String> unknownRecipients() {
        return unknownRecipients;
    }

    /** An entity dies now: out of the population, the space and the network (a destroy, immediate or applied). */
    void kill(Entity e) {
        world.population.kill(e);
        world.population.retire(e.id); // now, so a second destroy this tick answers false; kept on rollback
        if (world.space != null) {
            world.space.remove(e);
        }
        world.network.isolate(e);
    }

    /** Step 4 of a tick: commands in issue order; a spawned entity's init may add more, applied in turn. */
    void apply() throws ScriptException {
        while (next < commands.size()) {
            switch (commands.get(next++)) {
                case Command.Send s -> world.mail.send(s.from(), s.to(), s.kind(), s.content(), s.sentAt(),
                        world.clock.tick + s.delayTicks());
                case Command.Broadcast b -> {
                    long at = world.clock.tick + b.delayTicks();
                    if (b.reach() != null) {
                        world.mail.broadcast(b.from(), b.reach(), b.kind(), b.content(), b.sentAt(), at);
                    }
                    for (String to : b.to()) {
                        world.mail.send(b.from(), to, b.kind(), b.content(), b.sentAt(), at);
                    }
                }
                case Command.Spawn s -> spawn(s);
                case Command.Destroy d -> {
                    Entity e = world.population.get(d.id());
                    if (e != null) {
                        kill(e);
                    } else if (spawning.contains(d.id())) {
                        cancel(d.id());
                    }
                }
                case Command.Metric m -> metrics.merge(m.name(), m.value(), Double::sum);
                case Command.Log l -> lines.add(output(l));
            }
        }
    }

    private void spawn(Command.Spawn s) throws ScriptException {
        if (cancelled.remove(s.id())) {
            return;
        }
        Entity e = new Entity(s.id(), world.scripts.get(s.script()), s.state(), Rng.derive(world.seed, s.id()));
        world.population.add(e);
        spawning.remove(s.id());
        current = e;
        Space space = world.space;
        if (space != null && !space.place(e, s.at())) {
            throw new IllegalArgumentException("entity '" + s.id() + "' has no room: " + (s.at().point() != null
                    ? "cell " + Space.text(s.at().point(), space.spec) + " is full"
                    : "every cell is full") + " (space.capacity " + space.spec.capacity() + ")");
        }
        entering(e);
        calls.init(this, e);
        world.calling(null);
    }

    private LogLine output(Command.Log l) {
        return new LogLine(world.clock.tick, world.time(), l.entity(), LogLine.Kind.OUTPUT, l.text());
    }

    // ---------------------------------------------------------------- edits between ticks

    /** Spawns {@code defs} now (a fresh world at tick 0, or an entity added between ticks), their inits run. */
    void create(List<Definition.EntityDef> defs, String consequence) throws SimulationException {
        create(defs, consequence, () -> { });
    }

    /** As {@link #create(List, String)}, then {@code after} in the same transaction: its failure undoes it all. */
    void create(List<Definition.EntityDef> defs, String consequence, Runnable after) throws SimulationException {
        for (var def : defs) {
            commands.add(new Command.Spawn(def.id(), def.script(), def.state(), def.at()));
            spawning.add(def.id());
        }
        try {
            apply();
            after.run();
        } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            world.calling(null);
            SimulationException error = failure(e, world.clock.tick, consequence);
            undo();
            throw error;
        }
        commit(false);
    }

    /**
     * Existing entities re-enter their controllers (after load, or a state or script change); the caller puts back
     * what it changed when this fails. Commits nothing: a restore adds no commands.
     */
    void restore(List<Entity> entities, String consequence) throws SimulationException {
        for (Entity e : entities) {
            current = e;
            try {
                calls.restore(this, e);
            } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError ex) {
                throw failure(ex, world.clock.tick, consequence);
            }
        }
    }

    /** Removes a live entity between ticks; messages still addressed to it will be dropped. */
    void remove(Entity e) {
        kill(e);
        commit(false);
    }

    // ---------------------------------------------------------------- the end of a change

    /** The change is complete: its records are written and watchers see the new state. */
    void commit(boolean ticked) {
        world.trace.commit();
        world.lastTickMetrics = Map.copyOf(world.metrics.close(world.clock.tick, metrics, ticked,
                world.countsByScript()));
        lines.forEach(world.log::add);
        for (Message m : deliveredNow) {
            if (world.delivered.size() == world.limits.messageHistory()) {
                world.delivered.removeFirst();
            }
            world.delivered.addLast(m);
        }
        world.population.compact();
        for (Entity e : world.population.killed()) {
            e.script.controller().forget(e.id);
            world.population.retire(e.id);
        }
        world.publish();
    }

    /** A tick failed: the world goes back, and the error names what failed; the log says the tick was undone. */
    SimulationException rollback(Throwable cause) {
        world.calling(null);
        world.trace.discard();
        Entity failed = current;
        long failedTick = world.clock.tick;
        undo();
        current = failed;
        SimulationException error = failure(cause, failedTick, SimulationException.tickRolledBack(failedTick));
        world.log.add(new LogLine(failedTick, failedTick * world.dt, "", LogLine.Kind.ENGINE, "tick " + failedTick
                + " failed and was rolled back (the lines above are from the failed attempt): " + error.cause()));
        return error;
    }

    /**
     * Puts the world back as it was when this change began: every part rolls back, newest first; then the
     * controllers forget the entities that are gone and re-read the state of every entity a script may have changed
     * (a guest keeps its own copy of states). The log keeps what the failed attempt wrote, applied or not, marked as
     * rolled back: it is the evidence the author debugs with.
     */
    private void undo() {
        for (Command c : commands.subList(next, commands.size())) {
            if (c instanceof Command.Log l) {
                lines.add(output(l));
            }
        }
        lines.forEach(l -> world.log.add(l.markRolledBack()));
        List<Entity> touched = List.copyOf(world.population.touched());
        List<Entity> killed = List.copyOf(world.population.killed());
        for (int i = world.parts.size() - 1; i >= 0; i--) {
            world.parts.get(i).rollback();
        }
        for (Entity e : world.population.removed()) {
            if (world.population.get(e.id) == null) { // an id reused by a revived entity stays with it
                e.script.controller().forget(e.id);
            }
        }
        Set<Entity> restored = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Entity> group : List.of(touched, killed)) {
            for (Entity e : group) {
                if (e.alive && restored.add(e)) {
                    try {
                        calls.restore(this, e);
                    } catch (ScriptException | RuntimeException ignored) {
                        // the original failure is what the author needs to see
                    }
                }
            }
        }
    }

    private SimulationException failure(Throwable cause, long tick, String consequence) {
        String entity = current == null ? "-" : current.id;
        String script = current == null ? "-" : current.script.id();
        String language = current == null ? "-" : current.script.language();
        if (cause instanceof ScriptException se) {
            return new SimulationException(world.name, tick, entity, script, language, se.line(), se.kind().name(),
                    se.getMessage(), consequence, 0);
        }
        String kind = cause instanceof StackOverflowError || cause instanceof OutOfMemoryError ? "BUDGET" : "ERROR";
        String text = switch (cause) {
            case StackOverflowError ignored -> "stack overflow (runaway recursion?)";
            case OutOfMemoryError ignored -> "out of memory (a script built something too large)";
            default -> cause.getMessage() == null ? cause.toString() : cause.getMessage();
        };
        return new SimulationException(world.name, tick, entity, script, language, 0, kind, text, consequence, 0);
    }
}
