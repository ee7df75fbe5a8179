package org.polysim.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.polysim.engine.spi.ControllerProvider;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulation world: entities driven by scripts, a delayed message queue, metrics and a log, advancing in atomic
 * ticks (DESIGN.md "One tick"). All public methods are synchronized: calls on one world are serialized, different
 * worlds run independently.
 */
public final class World implements AutoCloseable {

    final String name;
    final long seed;
    final double dt;
    long tick;
    final ObjectNode params;
    final boolean randomSchedule;
    final Limits limits;
    final Map<String, Script> scripts = new LinkedHashMap<>();
    final Population population = new Population();
    final MessageQueue queue = new MessageQueue();
    long sequence;
    long dropped;
    final Rng scheduleRng;
    final Map<String, Long> counters;
    final MetricStore metrics = new MetricStore();
    final WorldLog log;
    final java.util.ArrayDeque<Message> delivered = new java.util.ArrayDeque<>();
    Map<String, Double> lastTickMetrics = Map.of();

    private World(Definition d) {
        this.name = d.name();
        this.seed = d.seed();
        this.dt = d.dt();
        this.tick = d.tick() == null ? 0 : d.tick();
        this.params = d.params();
        this.randomSchedule = d.randomSchedule();
        this.limits = d.limits();
        this.sequence = d.sequence();
        this.dropped = d.dropped();
        this.scheduleRng = d.scheduleRng() != null ? new Rng(d.scheduleRng()) : Rng.derive(seed, "\0schedule");
        this.counters = new HashMap<>(d.counters());
        this.log = new WorldLog(limits.logLines());
        queue.addAll(d.messages());
        d.metrics().forEach((metric, s) -> {
            var series = metrics.create(metric);
            for (int i = 0; i < s.ticks().length; i++) {
                series.add(s.ticks()[i], s.values()[i]);
            }
        });
    }

    // ---------------------------------------------------------------- creation

    /** Installed languages and their runtimes (starts the Graal engines, which takes a moment). */
    public static Map<String, String> runtimes() {
        return Languages.installed().runtimes();
    }

    /** Canonical names of the script languages installed in this build. */
    public static java.util.Set<String> languages() {
        return Languages.installed().canonical();
    }

    /** Reads a world file (YAML or JSON by extension); {@code file:} scripts are relative to it. */
    public static World load(Path file) throws SimulationException {
        JsonNode tree = WorldFiles.read(file);
        String fallback = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return create(tree, file.toAbsolutePath().getParent(), fallback);
    }

    /**
     * Builds a world from a definition tree (the world file schema).
     *
     * @param baseDir     directory for {@code file:} scripts, or null to forbid them
     * @param defaultName used when the definition has no name (null: the name is required)
     * @throws WorldFileException  when the definition is invalid (names the field)
     * @throws SimulationException when a script fails to compile or an {@code init} fails
     */
    public static World create(JsonNode definition, Path baseDir, String defaultName) throws SimulationException {
        return create(definition, baseDir, defaultName, null);
    }

    /** As {@link #create(JsonNode, Path, String)}, with {@code file:} scripts confined to {@code confine}. */
    public static World create(JsonNode definition, Path baseDir, String defaultName, Path confine)
            throws SimulationException {
        Languages languages = Languages.installed();
        Definition d = new WorldReader(baseDir, confine, languages).read(definition, defaultName);
        World world = new World(d);
        try {
            world.compile(languages, d.scripts(), "The world was not created.");
            world.populate(d);
        } catch (SimulationException | RuntimeException e) {
            world.close();
            throw e;
        }
        return world;
    }

    private void compile(Languages languages, Map<String, ScriptSource> sources, String consequence)
            throws SimulationException {
        for (ScriptSource source : sources.values()) {
            ControllerProvider provider = languages.find(source.language(), "scripts." + source.id());
            try {
                scripts.put(source.id(), new Script(source, provider.compile(source, limits)));
            } catch (ScriptException e) {
                throw new SimulationException(name, tick, "-", source.id(), source.language(), e.line(),
                        ScriptException.Kind.COMPILE.name(), e.getMessage(), consequence, 0);
            }
        }
    }

    private void populate(Definition d) throws SimulationException {
        if (d.entities().size() > limits.maxEntities()) {
            throw new WorldFileException("entities", d.entities().size() + " entities exceed limits.max_entities ("
                    + limits.maxEntities() + "); raise the limit or use fewer");
        }
        if (d.tick() != null) { // a snapshot: entities come back as they were
            for (var def : d.entities()) {
                Entity e = new Entity(def.id(), scripts.get(def.script()), def.state(),
                        def.rng() != null ? new Rng(def.rng()) : Rng.derive(seed, def.id()));
                population.add(e);
            }
            new Tick(this).restoreAll(population.liveInOrder(), "The world was not created.");
        } else {
            new Tick(this).create(d.entities(), "The world was not created.");
        }
    }

    /**
     * Adds script {@code id} to the library, or compiles a replacement and swaps it in (entities keep their state;
     * they re-enter the new version through {@code restore}). Nothing changes if it does not compile.
     *
     * @param language null keeps the current language (required for a new script)
     */
    public synchronized void putScript(String id, String language, String code) throws SimulationException {
        Script old = scripts.get(id);
        if (old == null) {
            addScript(id, language, code);
            return;
        }
        Languages languages = Languages.installed();
        String lang = language == null ? old.language() : languages.find(language, "language").language();
        ScriptSource source = new ScriptSource(id, lang, code, old.source().api());
        Script fresh;
        try {
            fresh = new Script(source, languages.find(lang, "language").compile(source, limits));
        } catch (ScriptException e) {
            throw new SimulationException(name, tick, "-", id, lang, e.line(), ScriptException.Kind.COMPILE.name(),
                    e.getMessage(), "The script was not replaced; its entities keep running the old version.", 0);
        }
        List<Entity> users = population.liveInOrder().stream().filter(e -> e.script == old).toList();
        scripts.put(id, fresh);
        for (Entity e : users) {
            e.script = fresh;
        }
        try {
            new Tick(this).restoreAll(population.liveInOrder().stream().filter(e -> e.script == fresh).toList(),
                    "The script was not replaced; its entities keep running the old version.");
        } catch (SimulationException e) {
            for (Entity u : population.liveInOrder()) {
                if (u.script == fresh) {
                    u.script = old;
                }
            }
            scripts.put(id, old);
            fresh.controller().close();
            throw e;
        }
        old.controller().close();
    }

    private void addScript(String id, String language, String code) throws SimulationException {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a script needs a non-empty id");
        }
        if (language == null) {
            throw new IllegalArgumentException("script '" + id + "' is new: give its language ("
                    + String.join(", ", Languages.installed().canonical()) + ")");
        }
        Languages languages = Languages.installed();
        ScriptSource source = new ScriptSource(id, languages.find(language, "language").language(), code,
                ScriptSource.API_POLYSIM);
        compile(languages, Map.of(id, source), "The script was not added.");
    }

    /**
     * Creates an entity between ticks; its {@code init} runs now and its commands apply at the current time.
     *
     * @param id null for a generated {@code <script>-<k>}
     * @return the new entity's id
     */
    public synchronized String addEntity(String script, ObjectNode state, String id) throws SimulationException {
        if (!scripts.containsKey(script)) {
            throw new IllegalArgumentException(unknownScript(script));
        }
        if (id != null && (id.isBlank() || population.contains(id))) {
            throw new IllegalArgumentException(id.isBlank() ? "an entity id must not be empty"
                    : "entity '" + id + "' exists in world '" + name + "'; choose another id or omit it");
        }
        if (population.live() >= limits.maxEntities()) {
            throw new IllegalArgumentException("world '" + name + "' is at limits.max_entities ("
                    + limits.maxEntities() + ")");
        }
        Map<String, Long> countersBefore = new HashMap<>(counters);
        String newId = id != null ? id : nextId(script);
        ObjectNode initial = state == null ? JsonNodeFactory.instance.objectNode() : state.deepCopy();
        try {
            new Tick(this).create(List.of(new Definition.EntityDef(newId, script, initial, null)),
                    "No entity was added.");
        } catch (SimulationException e) {
            counters.clear();
            counters.putAll(countersBefore);
            throw e;
        }
        return newId;
    }

    /** Removes an entity between ticks; messages still addressed to it will be dropped. */
    public synchronized void removeEntity(String id) {
        Entity e = population.get(id);
        if (e == null) {
            throw new IllegalArgumentException(unknownEntity(id));
        }
        population.kill(e);
        population.compact();
        e.script.controller().forget(id);
    }

    // ---------------------------------------------------------------- running

    /**
     * Runs {@code ticks} ticks. Atomic per tick: on a script failure the world stays at the end of the last completed
     * tick and the exception says what failed and where.
     */
    public synchronized AdvanceReport advance(long ticks) throws SimulationException {
        return advance(ticks, null);
    }

    /** As {@link #advance(long)}, reporting each completed tick to {@code progress} (may be null). */
    public synchronized AdvanceReport advance(long ticks, java.util.function.LongConsumer progress)
            throws SimulationException {
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must be >= 0, got " + ticks);
        }
        long delivered = 0;
        long droppedBefore = dropped;
        for (long i = 0; i < ticks; i++) {
            try {
                delivered += new Tick(this).run();
            } catch (SimulationException e) {
                throw e.completed(i);
            }
            if (progress != null) {
                progress.accept(i + 1);
            }
        }
        return new AdvanceReport(ticks, time(), delivered, dropped - droppedBefore, lastTickMetrics);
    }

    // ---------------------------------------------------------------- reading

    public String name() {
        return name;
    }

    public long seed() {
        return seed;
    }

    public synchronized double time() {
        return tick * dt;
    }

    public synchronized long tick() {
        return tick;
    }

    public double dt() {
        return dt;
    }

    public Limits limits() {
        return limits;
    }

    /** A copy of the world's params. */
    public ObjectNode snapshotParams() {
        return params.deepCopy();
    }

    public synchronized int entityCount() {
        return population.live();
    }

    public synchronized int pendingMessages() {
        return queue.size();
    }

    /** Messages dropped because their recipient did not exist at delivery. */
    public synchronized long droppedMessages() {
        return dropped;
    }

    /** Ids of live entities in creation order, all or of one script. */
    public synchronized List<String> entityIds(String script) {
        return population.ids(script);
    }

    /** Live entity counts per script, in library order. */
    public synchronized Map<String, Integer> countsByScript() {
        Map<String, Integer> out = new LinkedHashMap<>();
        scripts.keySet().forEach(s -> out.put(s, 0));
        for (Entity e : population.liveInOrder()) {
            out.merge(e.script.id(), 1, Integer::sum);
        }
        return out;
    }

    /** The script ids of the library with their languages. */
    public synchronized Map<String, String> scriptLanguages() {
        Map<String, String> out = new LinkedHashMap<>();
        scripts.forEach((id, s) -> out.put(id, s.language()));
        return out;
    }

    public synchronized Optional<String> scriptSource(String id) {
        return Optional.ofNullable(scripts.get(id)).map(s -> s.source().code());
    }

    public synchronized Optional<String> scriptOf(String entity) {
        return Optional.ofNullable(population.get(entity)).map(e -> e.script.id());
    }

    /** A copy of an entity's state. */
    public synchronized Optional<ObjectNode> entityState(String id) {
        return Optional.ofNullable(population.get(id)).map(e -> e.state.deepCopy());
    }

    /** Replaces an entity's state between ticks. */
    public synchronized void setEntityState(String id, ObjectNode state) throws SimulationException {
        Entity e = population.get(id);
        if (e == null) {
            throw new IllegalArgumentException(unknownEntity(id));
        }
        ObjectNode old = e.state;
        e.state = state.deepCopy();
        try {
            new Tick(this).restoreAll(List.of(e), "The state was not changed.");
        } catch (SimulationException ex) {
            e.state = old;
            throw ex;
        }
    }

    public synchronized List<String> metricNames() {
        return List.copyOf(metrics.names());
    }

    public synchronized Optional<MetricView> metric(String name) {
        return Optional.ofNullable(metrics.get(name)).map(s -> s.view(name, dt));
    }

    /** The last {@code tail} log lines, of one entity when not null. */
    public synchronized List<LogLine> log(String entity, int tail) {
        return log.tail(entity, tail);
    }

    /**
     * Recently delivered messages (the newest {@code limits.message_history}), oldest first.
     *
     * @param entity   only messages from or to this entity, when not null
     * @param fromTick only messages delivered at or after this tick
     * @param limit    at most this many (the newest)
     */
    public synchronized List<Message> deliveredMessages(String entity, long fromTick, int limit) {
        List<Message> out = new ArrayList<>();
        var it = delivered.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            Message m = it.next();
            if (m.deliverTick() < fromTick) {
                break;
            }
            if (entity == null || entity.equals(m.to()) || entity.equals(m.from())) {
                out.add(m);
            }
        }
        return out.reversed();
    }

    /** Messages waiting in the queue, in delivery order. */
    public synchronized List<Message> pending() {
        return queue.toList();
    }

    /** The error for a missing entity, naming the known ones (for callers that look entities up themselves). */
    public String unknownEntity(String id) {
        List<String> ids = population.ids(null);
        String known = ids.size() <= 20 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 20)) + ", ... (" + ids.size() + " in all)";
        return "no entity '" + id + "' in world '" + name + "' (entities: " + (ids.isEmpty() ? "none" : known) + ")";
    }

    /** The error for a missing script, naming the library's scripts. */
    public String unknownScript(String id) {
        return "no script '" + id + "' in world '" + name + "' (scripts: " + String.join(", ", scripts.keySet())
                + ")";
    }

    // ---------------------------------------------------------------- snapshot and copy

    /** The world as a world file tree: loading it and advancing gives the same result as never having stopped. */
    public synchronized ObjectNode snapshot() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("name", name);
        root.put("seed", seed);
        root.set("dt", Numbers.node(dt));
        root.set("time", Numbers.node(time()));
        root.put("schedule", randomSchedule ? "random" : "sequential");
        root.set("params", params.deepCopy());
        if (!limits.equals(Limits.DEFAULTS)) {
            ObjectNode l = root.putObject("limits");
            l.put("instructions", limits.instructions());
            l.put("wall_ms", limits.wallMillis());
            l.put("call_depth", limits.callDepth());
            l.put("string_bytes", limits.stringBytes());
            l.put("log_lines", limits.logLines());
            l.put("max_entities", limits.maxEntities());
            l.put("message_history", limits.messageHistory());
        }
        ObjectNode lib = root.putObject("scripts");
        scripts.forEach((id, s) -> {
            ObjectNode o = lib.putObject(id);
            o.put("language", s.language());
            if (s.source().seedApi()) {
                o.put("api", ScriptSource.API_SEED);
            }
            o.put("source", s.source().code());
        });
        ArrayNode entities = root.putArray("entities");
        for (Entity e : population.liveInOrder()) {
            ObjectNode o = entities.addObject();
            o.put("id", e.id);
            o.put("script", e.script.id());
            o.set("state", e.state.deepCopy());
            o.put("rng", e.rng.state);
        }
        ArrayNode messages = root.putArray("messages");
        for (Message m : pending()) {
            ObjectNode o = messages.addObject();
            o.put("seq", m.seq());
            o.put("from", m.from());
            o.put("to", m.to());
            o.put("kind", m.kind());
            o.set("content", m.content().deepCopy());
            o.set("sent_at", Numbers.node(m.sentAt()));
            o.set("deliver_at", Numbers.node(m.deliverTick() * dt));
        }
        ObjectNode ms = root.putObject("metrics");
        metrics.all().forEach((metric, s) -> {
            ObjectNode o = ms.putObject(metric);
            ArrayNode times = o.putArray("times");
            ArrayNode values = o.putArray("values");
            for (int i = 0; i < s.size; i++) {
                times.add(Numbers.node(s.ticks[i] * dt));
                values.add(Numbers.node(s.values[i]));
            }
        });
        root.put("rng", scheduleRng.state);
        ObjectNode cs = root.putObject("counters");
        new java.util.TreeMap<>(counters).forEach(cs::put);
        root.put("sequence", sequence);
        root.put("dropped", dropped);
        return root;
    }

    /** An independent world that evolves exactly as this one would. Script globals start fresh. */
    public synchronized World copy(String newName) throws SimulationException {
        ObjectNode snap = snapshot();
        snap.put("name", newName);
        return create(snap, null, null);
    }

    /** Releases every script context. */
    @Override
    public synchronized void close() {
        for (Script s : scripts.values()) {
            try {
                s.controller().close();
            } catch (RuntimeException ignored) {
                // closing is best effort; a broken guest context must not keep the others open
            }
        }
    }

    String nextId(String script) {
        return WorldReader.nextId(script, counters, population::contains);
    }
}
