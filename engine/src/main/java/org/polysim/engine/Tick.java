package org.polysim.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.polysim.engine.spi.ScriptException;
import tools.jackson.databind.node.ObjectNode;

/**
 * One atomic tick (DESIGN.md "One tick"): deliver, update, apply commands, close metrics. Everything it changes is
 * either buffered (commands, metrics, log) or remembered (states, generators, queue, counters), so a failure puts the
 * world back exactly as it was.
 */
final class Tick {

    final World world;
    final List<Command> commands = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final List<LogLine> lines = new ArrayList<>();
    private final Set<String> spawning = new HashSet<>();

    // what rollback needs
    private final long startTick;
    private final long startSequence;
    private final long startDropped;
    private final long startSchedule;
    private final Map<String, Long> startCounters;
    private final int startSlots;
    private final List<Message> polled = new ArrayList<>();
    private final List<Entity> updated = new ArrayList<>();
    private final List<ObjectNode> savedStates = new ArrayList<>();
    private final long[] savedRng;
    private final List<Entity> destroyed = new ArrayList<>();
    private final List<Message> deliveredNow = new ArrayList<>();
    private Entity current;
    /** Index of the next command {@link #apply} takes; on failure, the commands from here on never applied. */
    private int next;
    /** Recipients of this tick's dropped messages that never existed (almost always a typo), first seen first. */
    final Set<String> unknownRecipients = new java.util.LinkedHashSet<>();

    Tick(World world) {
        this.world = world;
        this.startTick = world.tick;
        this.startSequence = world.sequence;
        this.startDropped = world.dropped;
        this.startSchedule = world.scheduleRng.state;
        this.startCounters = new HashMap<>(world.counters);
        this.startSlots = world.population.slots();
        this.savedRng = new long[world.population.slots()];
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

    /** Runs the tick; returns the number of messages delivered. */
    long run() throws SimulationException {
        world.tick++;
        long delivered = deliver();
        List<Entity> order = world.population.liveInOrder();
        if (world.randomSchedule) {
            shuffle(order);
        }
        try {
            for (Entity e : order) {
                current = e;
                savedRng[updated.size()] = e.rng.state;
                updated.add(e);
                savedStates.add(e.state);
                world.calling(e);
                e.script.controller().update(new EntityCall(this, e, e.inbox, false));
            }
            world.calling(null);
            apply();
        } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw rollback(e);
        } finally {
            order.forEach(e -> e.inbox.clear());
        }
        commit();
        return delivered;
    }

    /** A fresh world: every defined entity is spawned at tick 0 and its {@code init} runs. */
    void create(List<Definition.EntityDef> defs, String consequence) throws SimulationException {
        for (var def : defs) {
            commands.add(new Command.Spawn(def.id(), def.script(), def.state()));
            spawning.add(def.id());
        }
        try {
            apply();
        } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            world.calling(null);
            SimulationException error = failure(e, world.tick, consequence);
            undo();
            for (Entity d : destroyed) { // revived: a spawn rolled back with its id may have reset its controller
                if (world.population.get(d.id) == d) {
                    try {
                        d.script.controller().restore(new EntityCall(this, d, List.of(), true));
                    } catch (ScriptException | RuntimeException ignored) {
                        // the original failure is what the author needs to see
                    }
                }
            }
            throw error;
        }
        commit();
    }

    /** Existing entities re-enter their controllers (after load, rollback or a state/script change). */
    void restoreAll(List<Entity> entities, String consequence) throws SimulationException {
        for (Entity e : entities) {
            current = e;
            try {
                e.script.controller().restore(new EntityCall(this, e, List.of(), true));
            } catch (ScriptException | RuntimeException | StackOverflowError | OutOfMemoryError ex) {
                throw failure(ex, world.tick, consequence);
            }
        }
    }

    private long deliver() {
        long delivered = 0;
        List<Message> due = world.queue.pollDue(world.tick);
        polled.addAll(due);
        for (Message m : due) {
            Entity to = world.population.get(m.to());
            if (to == null) {
                world.dropped++;
                boolean unknown = !world.mayHaveExisted(m.to());
                if (unknown) {
                    unknownRecipients.add(m.to());
                }
                lines.add(new LogLine(world.tick, world.time(), "", LogLine.Kind.DROPPED, "dropped message '"
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
            int j = (int) world.scheduleRng.between(0, i);
            Entity t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
    }

    /** Step 4: commands in issue order; a spawned entity's init may add more, applied in turn. */
    private void apply() throws ScriptException {
        while (next < commands.size()) {
            switch (commands.get(next++)) {
                case Command.Send s -> world.queue.add(new Message(world.sequence++, s.from(), s.to(), s.kind(),
                        s.content(), s.sentAt(), world.tick + s.delayTicks()));
                case Command.Spawn s -> {
                    Entity e = new Entity(s.id(), world.scripts.get(s.script()), s.state(),
                            Rng.derive(world.seed, s.id()));
                    world.population.add(e);
                    spawning.remove(s.id());
                    current = e;
                    world.calling(e);
                    e.script.controller().init(new EntityCall(this, e, List.of(), false));
                    world.calling(null);
                }
                case Command.Destroy d -> {
                    Entity e = world.population.get(d.id());
                    if (e != null) {
                        world.population.kill(e);
                        destroyed.add(e);
                    }
                }
                case Command.Metric m -> metrics.merge(m.name(), m.value(), Double::sum);
                case Command.Log l -> lines.add(output(l));
            }
        }
    }

    private LogLine output(Command.Log l) {
        return new LogLine(world.tick, world.time(), l.entity(), LogLine.Kind.OUTPUT, l.text());
    }

    private void commit() {
        world.metrics.close(world.tick, metrics);
        world.lastTickMetrics = Map.copyOf(metrics);
        lines.forEach(world.log::add);
        for (Message m : deliveredNow) {
            if (world.delivered.size() == world.limits.messageHistory()) {
                world.delivered.removeFirst();
            }
            world.delivered.addLast(m);
        }
        world.population.compact();
        for (Entity e : destroyed) {
            e.script.controller().forget(e.id);
            world.retire(e.id);
        }
        world.publish();
    }

    private SimulationException rollback(Throwable cause) {
        world.calling(null);
        Entity failed = current;
        undo();
        for (Entity e : updated) {
            try {
                e.script.controller().restore(new EntityCall(this, e, List.of(), true));
            } catch (ScriptException | RuntimeException ignored) {
                // the original failure is what the author needs to see
            }
        }
        current = failed;
        long failedTick = startTick + 1;
        SimulationException error = failure(cause, failedTick, SimulationException.tickRolledBack(failedTick));
        world.log.add(new LogLine(failedTick, failedTick * world.dt, "", LogLine.Kind.ENGINE, "tick " + failedTick
                + " failed and was rolled back (the lines above are from the failed attempt): " + error.cause()));
        return error;
    }

    /**
     * Puts the world back as it was when this tick began. The log keeps what the failed attempt wrote, applied or
     * not, marked as rolled back: it is the evidence the author debugs with.
     */
    private void undo() {
        for (Command c : commands.subList(next, commands.size())) {
            if (c instanceof Command.Log l) {
                lines.add(output(l));
            }
        }
        lines.forEach(l -> world.log.add(l.markRolledBack()));
        world.tick = startTick;
        world.queue.removeIf(m -> m.seq() >= startSequence);
        world.queue.addAll(polled);
        world.sequence = startSequence;
        world.dropped = startDropped;
        world.scheduleRng.state = startSchedule;
        world.counters.clear();
        world.counters.putAll(startCounters);
        for (int i = updated.size() - 1; i >= 0; i--) {
            updated.get(i).state = savedStates.get(i);
            updated.get(i).rng.state = savedRng[i];
        }
        destroyed.forEach(world.population::revive);
        for (Entity e : world.population.truncate(startSlots)) {
            e.script.controller().forget(e.id);
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
