package org.polysim.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.Turns;
import org.polysim.engine.spi.Turns.Upcoming;

/**
 * One atomic tick (DESIGN.md "One tick"): deliver, update, apply commands, evolve layers, close metrics. What it
 * writes to the world's {@link Part}s each part remembers how to undo; what it records for later (commands, metrics,
 * log lines) it buffers; so a failure puts the world back exactly as it was.
 */
final class Tick {

    final World world;
    final List<Command> commands = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final List<LogLine> lines = new ArrayList<>();
    private final Set<String> spawning = new HashSet<>();
    /** Spawns destroyed before they were applied: their commands are skipped. */
    private final Set<String> cancelled = new HashSet<>();
    private final List<Message> deliveredNow = new ArrayList<>();
    private Entity current;
    /** Whether this change is a tick that advance runs (not a creation, restore or edit between ticks). */
    private boolean ticked;
    /** Index of the next command {@link #apply} takes; on failure, the commands from here on never applied. */
    private int next;
    /** Recipients of this tick's dropped messages that never existed (almost always a typo), first seen first. */
    final Set<String> unknownRecipients = new java.util.LinkedHashSet<>();

    /** Begins a change of the world: every part starts remembering what a rollback needs. */
    Tick(World world) {
        this.world = world;
        world.parts.forEach(Part::begin);
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

    /** Runs the tick; returns the number of messages delivered. */
    long run() throws SimulationException {
        ticked = true;
        world.clock.tick++;
        long delivered = deliver();
        List<Entity> order = world.population.liveInOrder();
        if (world.randomSchedule) {
            shuffle(order);
        }
        boolean tracing = world.trace.begin(world.limits, order.size(), world.clock.tick, world.time());
        try {
            Run run = new Run(order, tracing);
            while (run.more()) {
                run.take();
            }
            world.calling(null);
            apply();
        } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw rollback(e);
        } finally {
            order.forEach(e -> e.inbox.clear());
        }
        if (world.layers != null) {
            world.layers.evolve();
        }
        commit();
        return delivered;
    }

    /**
     * Step 3 as runs of consecutive entities with one controller ({@link Turns}): the engine's bookkeeping of each
     * update happens here, as the controller takes its turns, so a controller that runs a whole run in one guest
     * call leaves the same trace, log and errors as one call per entity.
     */
    private final class Run implements Turns {
        private final List<Entity> order;
        private final boolean tracing;
        private int next;
        private Controller controller;
        /** The entity whose update is in progress, or null; and its trace slot. */
        private Entity updating;
        private int slot = -1;

        Run(List<Entity> order, boolean tracing) {
            this.order = order;
            this.tracing = tracing;
        }

        /** Whether a live entity is still to be updated. */
        boolean more() {
            skipDead();
            return next < order.size();
        }

        /** The run that starts at the next live entity, by its script's controller. */
        void take() throws ScriptException {
            Script script = order.get(next).script;
            int from = next;
            controller = script.controller();
            controller.updateAll(this);
            end();
            if (next == from) { // a controller that takes no turn would be asked again for ever
                throw new IllegalStateException("the " + script.language() + " controller of script '" + script.id()
                        + "' took no turn (Controller.updateAll must call Turns.next)");
            }
        }

        @Override
        public EntityContext next() {
            end();
            skipDead();
            if (next == order.size() || order.get(next).script.controller() != controller) {
                return null;
            }
            Entity e = order.get(next++);
            updating = e;
            current = e;
            world.population.touch(e);
            world.calling(e);
            slot = tracing ? world.trace.start(e) : -1;
            return new EntityCall(Tick.this, e, e.inbox, false, slot);
        }

        @Override
        public List<Upcoming> ahead(int max) {
            List<Upcoming> out = new ArrayList<>(Math.min(max, order.size() - next + 1));
            if (updating != null && max > 0) {
                out.add(new Upcoming(updating.id, updating.state, updating.inbox));
            }
            for (int i = next; i < order.size() && out.size() < max; i++) {
                Entity e = order.get(i);
                if (e.script.controller() != controller) {
                    break;
                }
                if (e.alive) {
                    out.add(new Upcoming(e.id, e.state, e.inbox));
                }
            }
            return out;
        }

        /** The update in progress, if any, is over. */
        void end() {
            if (updating != null && tracing) {
                world.trace.end(slot, updating);
            }
            updating = null;
        }

        private void skipDead() {
            while (next < order.size() && !order.get(next).alive) {
                next++; // destroyed earlier in this tick
            }
        }
    }

    /** A fresh world: every defined entity is spawned at tick 0 and its {@code init} runs. */
    void create(List<Definition.EntityDef> defs, String consequence) throws SimulationException {
        for (var def : defs) {
            commands.add(new Command.Spawn(def.id(), def.script(), def.state(), def.at()));
            spawning.add(def.id());
        }
        try {
            apply();
        } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            world.calling(null);
            SimulationException error = failure(e, world.clock.tick, consequence);
            undo();
            throw error;
        }
        commit();
    }

    /** Existing entities re-enter their controllers (after load, rollback or a state/script change). */
    void restoreAll(List<Entity> entities, String consequence) throws SimulationException {
        for (Entity e : entities) {
            current = e;
            try {
                e.script.controller().restore(new EntityCall(this, e, List.of(), true, -1));
            } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError ex) {
                throw failure(ex, world.clock.tick, consequence);
            }
        }
    }

    private long deliver() {
        long delivered = 0;
        long tick = world.clock.tick;
        for (Message m : world.mail.due(tick)) {
            Entity to = world.population.get(m.to());
            if (to == null) {
                world.mail.dropped++;
                boolean unknown = !world.mayHaveExisted(m.to());
                if (unknown) {
                    unknownRecipients.add(m.to());
                }
                lines.add(new LogLine(tick, world.time(), "", LogLine.Kind.DROPPED, "dropped message '"
                        + m.kind() + "' from " + m.from() + " to " + m.to() + (unknown
                        ? ": there is no entity '" + m.to() + "' and never was (a typo?)"
                        : ": no such entity at delivery")));
            } else {
                to.inbox.add(m);
                deliveredNow.add(m);
                delivered++;
            }
        }
        return delivered;
    }

    private void shuffle(List<Entity> order) {
        for (int i = order.size() - 1; i > 0; i--) {
            int j = (int) world.clock.schedule.between(0, i);
            Entity t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
    }

    /** An entity dies now: out of the population and the space (a destroy, immediate or applied). */
    void kill(Entity e) {
        world.population.kill(e);
        world.retire(e.id); // now, so a second destroy of it this tick answers false; kept on rollback (harmless)
        if (world.space != null) {
            world.space.remove(e);
        }
    }

    /** Step 4: commands in issue order; a spawned entity's init may add more, applied in turn. */
    private void apply() throws ScriptException {
        while (next < commands.size()) {
            switch (commands.get(next++)) {
                case Command.Send s -> world.mail.send(s.from(), s.to(), s.kind(), s.content(), s.sentAt(),
                        world.clock.tick + s.delayTicks());
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
        if (world.space != null && !world.space.place(e, s.at())) {
            throw new IllegalArgumentException("entity '" + s.id() + "' has no room: " + (s.at().point() != null
                    ? "cell " + Space.text(s.at().point(), world.space.spec) + " is full"
                    : "every cell is full") + " (space.capacity " + world.space.spec.capacity() + ")");
        }
        world.calling(e);
        e.script.controller().init(new EntityCall(this, e, List.of(), false, -1));
        world.calling(null);
    }

    private LogLine output(Command.Log l) {
        return new LogLine(world.clock.tick, world.time(), l.entity(), LogLine.Kind.OUTPUT, l.text());
    }

    private void commit() {
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
            world.retire(e.id);
        }
        world.publish();
    }

    private SimulationException rollback(Throwable cause) {
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
        Set<Entity> restored = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (List<Entity> group : List.of(touched, killed)) {
            for (Entity e : group) {
                if (e.alive && restored.add(e)) {
                    try {
                        e.script.controller().restore(new EntityCall(this, e, List.of(), true, -1));
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
