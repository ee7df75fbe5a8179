package org.polysim.engine;

import java.util.List;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.InboxMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The {@link EntityContext} of one controller call: reads go to the world, effects become commands. */
final class EntityCall implements EntityContext {

    private final Tick tick;
    private final World world;
    private final Entity entity;
    private final List<Message> inbox;
    private final boolean restoring;

    EntityCall(Tick tick, Entity entity, List<Message> inbox, boolean restoring) {
        this.tick = tick;
        this.world = tick.world;
        this.entity = entity;
        this.inbox = inbox;
        this.restoring = restoring;
    }

    @Override
    public String id() {
        return entity.id;
    }

    @Override
    public String script() {
        return entity.script.id();
    }

    @Override
    public double time() {
        return world.tick * world.dt;
    }

    @Override
    public ObjectNode state() {
        return entity.state;
    }

    @Override
    public void setState(ObjectNode state) {
        if (state == null) {
            throw new IllegalArgumentException("state must be an object (a table / dict / object), not nil");
        }
        entity.state = state;
    }

    @Override
    public JsonNode params() {
        return world.params;
    }

    @Override
    public List<InboxMessage> inbox() {
        return inbox.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(inbox);
    }

    @Override
    public void send(String to, String kind, JsonNode content, Double delay) {
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("send needs the recipient's id as its first argument");
        }
        long ticks = 1;
        if (delay != null) {
            if (delay.isNaN() || delay < 0 || delay.isInfinite()) {
                throw new IllegalArgumentException("send delay must be a number of ticks >= 1, got " + delay);
            }
            ticks = Math.max(1, (long) Math.ceil(delay));
        }
        command(new Command.Send(entity.id, to, kind == null ? "" : kind,
                content == null ? JsonNodeFactory.instance.nullNode() : content, time(), ticks));
    }

    @Override
    public String spawn(String script, ObjectNode state) {
        return spawn(null, script, state);
    }

    @Override
    public String spawn(String id, String script, ObjectNode state) {
        if (script == null || !world.scripts.containsKey(script)) {
            throw new IllegalArgumentException("spawn: " + world.unknownScript(String.valueOf(script)));
        }
        if (world.population.live() + tick.pendingSpawns() >= world.limits.maxEntities()) {
            throw new IllegalArgumentException("spawn would exceed limits.max_entities ("
                    + world.limits.maxEntities() + "); destroy entities or raise the limit");
        }
        refuseWhileRestoring("spawn");
        if (id != null && (id.isEmpty() || world.population.contains(id) || tick.spawning(id))) {
            throw new IllegalArgumentException(id.isEmpty() ? "spawn: the new entity's id must not be empty"
                    : "spawn: entity '" + id + "' exists already in world '" + world.name + "'; choose another id");
        }
        String newId = id != null ? id : world.nextId(script);
        tick.reserve(newId);
        command(new Command.Spawn(newId, script, state == null ? JsonNodeFactory.instance.objectNode() : state));
        return newId;
    }

    @Override
    public void destroy(String id) {
        String target = id == null ? entity.id : id;
        if (!world.population.contains(target) && !tick.spawning(target)) {
            throw new IllegalArgumentException("destroy: " + world.unknownEntity(target));
        }
        command(new Command.Destroy(target));
    }

    @Override
    public void metric(String name, double value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("metric needs a name, e.g. metric(\"population\", 1)");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric '" + name + "' got " + value + "; record finite numbers only");
        }
        command(new Command.Metric(name, value));
    }

    @Override
    public void log(String text) {
        String line = text == null ? "nil" : text;
        if (restoring) {
            world.log.add(new LogLine(world.tick, time(), entity.id, LogLine.Kind.OUTPUT, line));
        } else {
            command(new Command.Log(entity.id, line));
        }
    }

    @Override
    public double random() {
        return entity.rng.nextDouble();
    }

    @Override
    public long random(long lo, long hi) {
        return entity.rng.between(lo, hi);
    }

    @Override
    public List<String> entities(String script) {
        if (script != null && !world.scripts.containsKey(script)) {
            throw new IllegalArgumentException("entities: " + world.unknownScript(script));
        }
        return world.population.ids(script);
    }

    private void command(Command c) {
        refuseWhileRestoring("send, spawn, destroy, metric and log");
        tick.commands.add(c);
    }

    private void refuseWhileRestoring(String what) {
        if (restoring) {
            throw new IllegalStateException(what + " are not allowed while an entity's state is being restored");
        }
    }
}
