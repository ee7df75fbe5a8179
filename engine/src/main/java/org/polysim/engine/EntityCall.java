package org.polysim.engine;

import java.util.List;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.InboxMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link EntityContext} of one controller call. Reads go to the world. {@code send}, {@code spawn}, {@code metric},
 * {@code log} and a destroy after updates become commands, applied in order when the tick commits. {@code
 * destroy}, {@code move}, {@code take} and {@code put} act at once, inside the tick's transaction, because the script
 * reads their effect in the same call (the entity is gone, the position or the layer changed); a failed tick rolls
 * them back with the rest.
 */
final class EntityCall implements EntityContext {

    /** Builds the context of each call a {@link Change} makes into a script. */
    static final Change.Calls CALLS = new Change.Calls() {
        @Override
        public void init(Change change, Entity e) throws org.polysim.engine.spi.ScriptException {
            e.script.controller().init(new EntityCall(change, e, List.of(), false, -1));
        }

        @Override
        public void restore(Change change, Entity e) throws org.polysim.engine.spi.ScriptException {
            e.script.controller().restore(new EntityCall(change, e, List.of(), true, -1));
        }
    };

    private final Change change;
    private final WorldParts world;
    private final Entity entity;
    private final List<Message> inbox;
    private final boolean restoring;
    /** This call's slot in the world's {@link Trace}, or -1 when it is not traced. */
    private final int traceSlot;
    private final boolean traced;

    /** The context of {@code entity}'s update in a tick, with its inbox; traced in {@code traceSlot} unless -1. */
    static EntityCall update(Change change, Entity entity, int traceSlot) {
        return new EntityCall(change, entity, entity.inbox, false, traceSlot);
    }

    private EntityCall(Change change, Entity entity, List<Message> inbox, boolean restoring, int traceSlot) {
        this.change = change;
        this.world = change.world;
        this.entity = entity;
        this.inbox = inbox;
        this.restoring = restoring;
        this.traceSlot = traceSlot;
        this.traced = traceSlot >= 0;
    }

    private void trace(String what, String detail) {
        if (traced) {
            world.trace.act(traceSlot, new Trace.Action(what, detail));
        }
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
        return world.time();
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
        long ticks = delay(delay, "send");
        command(new Command.Send(entity.id, to, kind == null ? "" : kind,
                content == null ? JsonNodeFactory.instance.nullNode() : content, time(), ticks));
    }

    /** A delay in whole ticks, at least 1 ({@code null}: 1). */
    private static long delay(Double delay, String what) {
        if (delay == null) {
            return 1;
        }
        if (delay.isNaN() || delay < 0 || delay.isInfinite()) {
            throw new IllegalArgumentException(what + " delay must be a number of ticks >= 1, got " + delay);
        }
        return Math.max(1, (long) Math.ceil(delay));
    }

    @Override
    public String spawn(String script, ObjectNode state) {
        return spawn(null, script, state, null);
    }

    @Override
    public String spawn(String script, ObjectNode state, JsonNode at) {
        return spawn(null, script, state, at);
    }

    @Override
    public String spawn(String id, String script, ObjectNode state) {
        return spawn(id, script, state, null);
    }

    private String spawn(String id, String script, ObjectNode state, JsonNode at) {
        if (script == null || !world.scripts.containsKey(script)) {
            throw new IllegalArgumentException("spawn: " + world.unknownScript(String.valueOf(script)));
        }
        if (world.population.live() + change.pendingSpawns() >= world.limits.maxEntities()) {
            throw new IllegalArgumentException("spawn would exceed limits.max_entities ("
                    + world.limits.maxEntities() + "); destroy entities or raise the limit");
        }
        refuseWhileRestoring("spawn");
        if (id != null && (id.isEmpty() || world.population.contains(id) || change.spawning(id))) {
            throw new IllegalArgumentException(id.isEmpty() ? "spawn: the new entity's id must not be empty"
                    : "spawn: entity '" + id + "' exists already in world '" + world.name + "'; choose another id");
        }
        Space.Placement placement = placement(at);
        String newId = id != null ? id : world.nextId(script);
        change.reserve(newId);
        command(new Command.Spawn(newId, script, state == null ? JsonNodeFactory.instance.objectNode() : state,
                placement));
        return newId;
    }

    /** Where a spawned entity starts: {@code at}, else its parent's position; checked now, so the error has a line. */
    private Space.Placement placement(JsonNode at) {
        Space space = world.space;
        if (space == null) {
            if (at != null && !at.isNull()) {
                throw new IllegalArgumentException("spawn: this world has no space, so a new entity has no position;"
                        + " leave at out");
            }
            return Space.Placement.NONE;
        }
        if (at == null || at.isNull()) {
            return entity.placed ? Space.Placement.at(new double[] {entity.x, entity.y, entity.z})
                    : Space.Placement.NONE;
        }
        if (!at.isArray() || at.size() != space.spec.axes() || !at.get(0).isNumber() || !at.get(1).isNumber()
                || (space.spec.threeD() && !at.get(2).isNumber())) {
            throw new IllegalArgumentException("spawn: at must be a position " + (space.spec.threeD()
                    ? "[x, y, z]" : "[x, y]") + ", got " + at);
        }
        return Space.Placement.at(space.position(at.get(0).doubleValue(), at.get(1).doubleValue(),
                space.spec.threeD() ? at.get(2).doubleValue() : null, "spawn"));
    }

    @Override
    public boolean destroy(String id) {
        refuseWhileRestoring("destroy");
        String target = id == null ? entity.id : id;
        Entity e = world.population.get(target);
        if (e != null) {
            change.kill(e);
            trace("destroy", target + ": it was alive");
            return true;
        }
        if (change.spawning(target)) {
            change.cancel(target);
            trace("destroy", target + ": spawned this tick, never created");
            return true;
        }
        if (!world.population.mayHaveExisted(target)) {
            throw new IllegalArgumentException("destroy: " + world.unknownEntity(target));
        }
        trace("destroy", target + ": already dead, returned false");
        return false;
    }

    @Override
    public void destroyAfterUpdates(String id) {
        String target = id == null ? entity.id : id;
        if (!world.population.contains(target) && !change.spawning(target)) {
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
        if (name.startsWith(MetricStore.POPULATION)) {
            throw new IllegalArgumentException("metric '" + name + "': names starting with '" + MetricStore.POPULATION
                    + "' are the engine's own (it records " + MetricStore.POPULATION + "<script>, the live count of "
                    + "each script, every tick); record under another name");
        }
        command(new Command.Metric(name, value));
    }

    @Override
    public void log(String text) {
        String line = text == null ? "nil" : text;
        if (restoring) {
            world.log.add(new LogLine(world.clock.tick, time(), entity.id, LogLine.Kind.OUTPUT, line));
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
        refuseWhileRestoring("send, broadcast, spawn, destroy, metric and log");
        change.command(c);
        if (traced) {
            world.trace.act(traceSlot, c);
        }
    }

    private void refuseWhileRestoring(String what) {
        if (restoring) {
            throw new IllegalStateException("not allowed while an entity's state is being restored: " + what);
        }
    }

    // ---------------------------------------------------------------- space and layers

    private Space space(String what) {
        if (world.space == null) {
            throw new IllegalArgumentException(what + " needs a space: give the world one, e.g. space: { kind: grid, "
                    + "width: 20, height: 20 }");
        }
        return world.space;
    }

    private double[] here(String what) {
        space(what);
        if (!entity.placed) {
            throw new IllegalArgumentException(what + ": entity '" + entity.id + "' has no position; place it with "
                    + "e.move(x, y) (or create it with at)");
        }
        return new double[] {entity.x, entity.y, entity.z};
    }

    private String where() {
        return entity.placed ? Space.text(new double[] {entity.x, entity.y, entity.z}, world.space.spec) : "nowhere";
    }

    @Override
    public Number coordinate(int axis) {
        if (!entity.placed || (axis == 2 && !world.space.spec.threeD())) {
            return null;
        }
        double v = axis == 0 ? entity.x : axis == 1 ? entity.y : entity.z;
        return world.space.spec.grid() ? (Number) (long) v : (Number) v;
    }

    @Override
    public boolean move(double x, double y, Double z) {
        Space space = space("move");
        refuseWhileRestoring("move");
        if (!entity.alive) {
            throw new IllegalArgumentException("move: entity '" + entity.id + "' was destroyed this tick");
        }
        String from = traced ? where() : null;
        double[] to = space.position(x, y, z, "move");
        boolean moved = space.put(entity, to);
        if (traced) {
            trace("move", moved ? from + " -> " + where() : "to " + Space.text(to, space.spec)
                    + " refused: the cell is full");
        }
        return moved;
    }

    @Override
    public List<String> near(double r, String script) {
        double[] from = here("near");
        knownScript(script, "near");
        return ids(world.space.near(entity, from, r, script, "near"));
    }

    @Override
    public List<String> at(double x, double y, Double z) {
        Space space = space("at");
        return ids(space.at(space.position(x, y, z, "at")));
    }

    @Override
    public JsonNode free() {
        Space space = space("free");
        refuseWhileRestoring("free");
        double[] p = space.free(entity.rng);
        return p == null ? null : point(p);
    }

    private JsonNode point(double[] p) {
        var a = JsonNodeFactory.instance.arrayNode();
        a.add(Numbers.node(p[0])).add(Numbers.node(p[1]));
        if (world.space.spec.threeD()) {
            a.add(Numbers.node(p[2]));
        }
        return a;
    }

    @Override
    public JsonNode look(String id) {
        Entity other = world.population.get(id);
        if (other == null) {
            if (!world.population.mayHaveExisted(id) && !change.spawning(id)) {
                throw new IllegalArgumentException("look: " + world.unknownEntity(id));
            }
            return null;
        }
        return record(other);
    }

    @Override
    public JsonNode nearby(double r, String script) {
        double[] from = here("nearby");
        knownScript(script, "nearby");
        var out = JsonNodeFactory.instance.arrayNode();
        for (Entity other : world.space.near(entity, from, r, script, "nearby")) {
            out.add(record(other));
        }
        return out;
    }

    /** {@code {id, script, x, y, (z,) state}}: the engine's state node itself, which the languages copy. */
    private JsonNode record(Entity other) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", other.id);
        o.put("script", other.script.id());
        if (other.placed) {
            o.set("x", Numbers.node(other.x));
            o.set("y", Numbers.node(other.y));
            if (world.space.spec.threeD()) {
                o.set("z", Numbers.node(other.z));
            }
        }
        o.set("state", other.state);
        return o;
    }

    @Override
    public double layer(String name, Double x, Double y, Double z) {
        return layers("layer").value(name, cell("layer", x, y, z));
    }

    @Override
    public double take(String name, double amount, Double x, Double y, Double z) {
        refuseWhileRestoring("take");
        Layers layers = layers("take");
        double taken = layers.take(name, cell("take", x, y, z), amount);
        trace("take", name + " " + Numbers.exact(amount) + " asked, " + Numbers.exact(taken) + " taken");
        return taken;
    }

    @Override
    public double put(String name, double amount, Double x, Double y, Double z) {
        refuseWhileRestoring("put");
        Layers layers = layers("put");
        double added = layers.put(name, cell("put", x, y, z), amount);
        trace("put", name + " " + Numbers.exact(amount) + " given, " + Numbers.exact(added) + " added");
        return added;
    }

    private Layers layers(String what) {
        Space space = space(what);
        if (world.layers == null) {
            throw new IllegalArgumentException(what + ": this world has no layers; declare them in the world file, "
                    + "e.g. layers: { grass: { initial: 1, max: 1, regrow: 0.1 } }" + (space.spec.grid() ? ""
                    : " (layers need space.kind: grid)"));
        }
        return world.layers;
    }

    private int cell(String what, Double x, Double y, Double z) {
        if (x == null && y == null && z == null) {
            return world.space.cell(here(what));
        }
        if (x == null || y == null) {
            throw new IllegalArgumentException(what + ": give both x and y (or neither, for this entity's own cell)");
        }
        return world.space.cell(world.space.position(x, y, z, what));
    }

    private void knownScript(String script, String what) {
        if (script != null && !world.scripts.containsKey(script)) {
            throw new IllegalArgumentException(what + ": " + world.unknownScript(script));
        }
    }

    // ---------------------------------------------------------------- the network

    @Override
    public List<String> neighbors() {
        return entity.out == null ? List.of() : entity.out.ids();
    }

    @Override
    public JsonNode links() {
        var out = JsonNodeFactory.instance.arrayNode();
        Links l = entity.out;
        for (int i = 0; l != null && i < l.size(); i++) {
            out.addObject().put("id", l.peer(i).id).set("weight", Numbers.node(l.weight(i)));
        }
        return out;
    }

    @Override
    public boolean link(String id, Double weight) {
        refuseWhileRestoring("link");
        Entity other = linkable(id, "link");
        if (weight != null && !Double.isFinite(weight)) {
            throw new IllegalArgumentException("link: weight must be a finite number, got " + weight);
        }
        boolean made = world.network.link(entity, other, weight);
        trace("link", id + (made ? "" : ": linked already"));
        return made;
    }

    @Override
    public boolean unlink(String id) {
        refuseWhileRestoring("unlink");
        Entity other = linkable(id, "unlink");
        boolean cut = world.network.unlink(entity, other);
        trace("unlink", id + (cut ? "" : ": was not linked"));
        return cut;
    }

    private Entity linkable(String id, String what) {
        if (!entity.alive) {
            throw new IllegalArgumentException(what + ": entity '" + entity.id + "' was destroyed this tick");
        }
        if (id == null || id.equals(entity.id)) {
            throw new IllegalArgumentException(what + ": an entity cannot link to itself ('" + entity.id + "')");
        }
        Entity other = world.population.get(id);
        if (other == null) {
            throw new IllegalArgumentException(what + ": " + (change.spawning(id) ? "entity '" + id
                    + "' is spawned when this tick's commands apply; link to it from the next tick (or from its init)"
                    : world.population.mayHaveExisted(id) ? "entity '" + id + "' is gone"
                    : world.unknownEntity(id)));
        }
        return other;
    }

    @Override
    public long degree() {
        return entity.out == null ? 0 : entity.out.size();
    }

    private static final java.util.Set<String> BROADCAST = java.util.Set.of("radius", "x", "y", "z", "script",
            "delay");

    @Override
    public Long broadcast(String kind, JsonNode content, ObjectNode options) {
        ObjectNode o = options == null ? JsonNodeFactory.instance.objectNode() : options;
        for (String k : o.propertyNames()) {
            if (!BROADCAST.contains(k)) {
                throw new IllegalArgumentException("broadcast: unknown option '" + k + "' (options: radius, x, y, z, "
                        + "script, delay)");
            }
        }
        long ticks = delay(o.has("delay") ? number(o, "delay") : null, "broadcast");
        String script = o.has("script") ? o.get("script").asString() : null;
        knownScript(script, "broadcast");
        JsonNode body = content == null ? JsonNodeFactory.instance.nullNode() : content;
        String k = kind == null ? "" : kind;
        if (!o.has("radius")) {
            if (o.has("x") || o.has("y") || o.has("z")) {
                throw new IllegalArgumentException("broadcast: x and y go with a radius (every entity within it of "
                        + "that point); without one a broadcast goes to the neighbours");
            }
            List<String> to = script == null ? neighbors() : new java.util.ArrayList<>();
            for (int i = 0; script != null && entity.out != null && i < entity.out.size(); i++) {
                if (entity.out.peer(i).script.id().equals(script)) {
                    to.add(entity.out.peer(i).id);
                }
            }
            command(new Command.Broadcast(entity.id, to, null, k, body, time(), ticks));
            return (long) to.size();
        }
        double r = number(o, "radius");
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("broadcast: radius must be a number >= 0, got " + r);
        }
        double[] at;
        if (o.has("z") && !(o.has("x") && o.has("y"))) {
            throw new IllegalArgumentException("broadcast: z goes with x and y (the centre of a radius broadcast)");
        }
        if (o.has("x") || o.has("y")) {
            Space space = space("broadcast with a radius");
            if (!o.has("x") || !o.has("y")) {
                throw new IllegalArgumentException("broadcast: give both x and y (or neither, for this entity's "
                        + "position)");
            }
            at = space.position(number(o, "x"), number(o, "y"), o.has("z") ? number(o, "z") : null, "broadcast");
        } else {
            at = here("broadcast with a radius");
        }
        command(new Command.Broadcast(entity.id, List.of(), new Message.Reach(at.clone(), r, script), k, body, time(),
                ticks));
        return null;
    }

    private static double number(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("broadcast: " + field + " must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static List<String> ids(List<Entity> entities) {
        String[] out = new String[entities.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = entities.get(i).id;
        }
        return List.of(out);
    }
}
