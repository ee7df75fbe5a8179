package org.polysim.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.polysim.engine.spi.ControllerProvider;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulation world: entities driven by scripts, a delayed message queue, metrics and a log, advancing in atomic
 * ticks (DESIGN.md "One tick"). All public methods are synchronized: calls on one world are serialized, different
 * worlds run independently.
 */
public final class World implements AutoCloseable {

    /** Everything the world is made of; changed only inside a {@link Change}. */
    private final WorldParts w;
    /** A fresh definition this world was built from, while nothing has changed it since (else null). */
    private Definition origin;

    private World(Definition d) {
        this.origin = d.snapshot() ? null : d;
        this.w = new WorldParts(d);
    }

    // ---------------------------------------------------------------- creation

    /** Installed languages and their runtimes (starts the Graal engines, which takes a moment). */
    public static Map<String, String> runtimes() {
        return Languages.installed().runtimes();
    }

    /**
     * The installed languages' providers, each once: for a server's policy of readying them before a user needs
     * them ({@code ControllerProvider.warmUp}, {@code exerciseScript}), which is the server's to decide, not the
     * engine's.
     */
    public static List<ControllerProvider> languageProviders() {
        return Languages.installed().providers();
    }

    /** Canonical names of the script languages installed in this build. */
    public static java.util.Set<String> languages() {
        return Languages.installed().canonical();
    }

    /**
     * A seed derived from {@code seed} and a stream name with the engine's own derivation (the one that gives each
     * entity its generator): the same pair always gives the same seed, different names give unrelated seeds. An
     * experiment seeds each of its runs this way from the experiment seed and the run's grid point and replication,
     * so no two runs share a seed and none depends on where or when it runs.
     */
    public static long derivedSeed(long seed, String stream) {
        return Rng.derive(seed, stream).nextLong();
    }

    /** Reads a world file (YAML or JSON by extension); {@code file:} scripts are relative to it. */
    public static World load(Path file) throws SimulationException {
        JsonNode tree = WorldFiles.read(file);
        return create(tree, file.toAbsolutePath().getParent(), WorldFiles.stem(file));
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

    /** As {@link #create(JsonNode, Path, String)}, with the files it names (scripts, edges) confined to {@code confine}. */
    public static World create(JsonNode definition, Path baseDir, String defaultName, Path confine)
            throws SimulationException {
        Languages languages = Languages.installed();
        return build(new WorldFile(baseDir, confine, languages).read(definition, defaultName), languages);
    }

    private static World build(Definition d, Languages languages) throws SimulationException {
        World world = new World(d);
        try {
            world.compile(languages, d.scripts(), "The world was not created.");
            world.populate(d);
            world.w.publish();
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
                w.scripts.put(source.id(), new Script(source, provider.compile(source, w.limits.perCall())));
            } catch (ScriptException e) {
                throw new SimulationException(w.name, w.clock.tick, "-", source.id(), source.language(), e.line(),
                        ScriptException.Kind.COMPILE.name(), e.getMessage(), consequence, 0);
            }
        }
    }

    private void populate(Definition d) throws SimulationException {
        if (d.entities().size() > w.limits.maxEntities()) {
            throw new WorldFileException("entities", d.entities().size() + " entities exceed limits.max_entities ("
                    + w.limits.maxEntities() + "); raise the limit or use fewer");
        }
        if (w.space != null && w.space.spec.grid() && w.space.spec.capacity() > 0
                && d.entities().stream().filter(e -> e.at().mode() != Space.Placement.Mode.NONE).count()
                > (long) w.space.spec.cells() * w.space.spec.capacity()) {
            throw new WorldFileException("entities", d.entities().size() + " entities do not fit in "
                    + w.space.spec.cells() + " cells at space.capacity " + w.space.spec.capacity()
                    + "; use fewer entities, a larger grid or a higher capacity");
        }
        if (d.snapshot()) { // entities come back as they were
            for (var def : d.entities()) {
                Entity e = new Entity(def.id(), w.scripts.get(def.script()), def.state(),
                        def.rng() != null ? new Rng(def.rng()) : Rng.derive(w.seed, def.id()));
                w.population.add(e);
                if (w.space != null && !w.space.place(e, def.at())) {
                    throw new WorldFileException("entities", "entity '" + def.id() + "' cannot be placed: its "
                            + "cell is full (space.capacity " + w.space.spec.capacity() + ")");
                }
            }
            if (d.network() != null) {
                w.network.build(d.network(), w.population.liveInOrder(), fileIds(d), w.seed);
            }
            change().restore(w.population.liveInOrder(), "The world was not created.");
            // a snapshot written before the engine counted populations (or translated from another format) has none
            w.metrics.population(w.clock.tick, countsByScript());
        } else {
            change().create(d.entities(), "The world was not created.");
            if (d.network() != null) { // after every init, as Mesa places agents after constructing them
                w.network.build(d.network(), w.population.liveInOrder(), fileIds(d), w.seed);
            }
        }
    }

    private static java.util.Set<String> fileIds(Definition d) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        d.entities().forEach(e -> ids.add(e.id()));
        return ids;
    }

    /**
     * Adds script {@code id} to the library, or compiles a replacement and swaps it in (entities keep their state;
     * they re-enter the new version through {@code restore}). Nothing changes if it does not compile.
     *
     * @param language null keeps the current language (required for a new script)
     */
    public synchronized void putScript(String id, String language, String code) throws SimulationException {
        origin = null;
        Script old = w.scripts.get(id);
        if (old == null) {
            addScript(id, language, code);
            return;
        }
        Languages languages = Languages.installed();
        String lang = language == null ? old.language() : languages.find(language, "language").language();
        ScriptSource source = new ScriptSource(id, lang, code, old.source().api());
        Script fresh;
        try {
            fresh = new Script(source, languages.find(lang, "language").compile(source, w.limits.perCall()));
        } catch (ScriptException e) {
            throw new SimulationException(w.name, w.clock.tick, "-", id, lang, e.line(),
                    ScriptException.Kind.COMPILE.name(), e.getMessage(), "The script was not replaced; its entities keep running the old version.", 0);
        }
        List<Entity> users = w.population.liveInOrder().stream().filter(e -> e.script == old).toList();
        w.scripts.put(id, fresh);
        for (Entity e : users) {
            e.script = fresh;
        }
        try {
            change().restore(w.population.liveInOrder().stream().filter(e -> e.script == fresh).toList(),
                    "The script was not replaced; its entities keep running the old version.");
        } catch (SimulationException e) {
            for (Entity u : w.population.liveInOrder()) {
                if (u.script == fresh) {
                    u.script = old;
                }
            }
            w.scripts.put(id, old);
            fresh.controller().close();
            throw e;
        }
        old.controller().close();
        w.publish();
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
        w.publish();
    }

    /**
     * Creates an entity between ticks; its {@code init} runs now and its commands apply at the current time.
     *
     * @param id null for a generated {@code <script>-<k>}
     * @return the new entity's id
     */
    public synchronized String addEntity(String script, ObjectNode state, String id) throws SimulationException {
        return addEntity(script, state, id, null);
    }

    /**
     * As {@link #addEntity(String, ObjectNode, String)}, placed in the world's space: {@code at} is a position
     * ({@code [x, y]} or {@code [x, y, z]}), {@code "random"}, {@code "free"}, {@code "none"}, or null for random.
     */
    public synchronized String addEntity(String script, ObjectNode state, String id, JsonNode at)
            throws SimulationException {
        return addEntity(script, state, id, at, null);
    }

    /**
     * As {@link #addEntity(String, ObjectNode, String, JsonNode)}, linked to {@code links} once its init has run:
     * ids, or {@code [id, weight]} pairs. The list is checked before anything changes; the links are made in the
     * same transaction as the entity, so one that cannot be made (its init destroyed a peer, or linked up to
     * {@code limits.max_links}) leaves the world as it was.
     */
    public synchronized String addEntity(String script, ObjectNode state, String id, JsonNode at, JsonNode links)
            throws SimulationException {
        List<Entity> peers = new java.util.ArrayList<>();
        List<Double> weights = new java.util.ArrayList<>();
        if (links != null && !links.isNull()) {
            if (!links.isArray()) {
                throw new IllegalArgumentException("links: expected a list of ids or [id, weight] pairs, got "
                        + Fields.describe(links));
            }
            for (int i = 0; i < links.size(); i++) {
                JsonNode l = links.get(i);
                JsonNode peer = l.isArray() ? l.get(0) : l;
                JsonNode weight = l.isArray() && l.size() == 2 ? l.get(1) : null;
                if (peer == null || !peer.isString() || (l.isArray() && (l.size() != 2 || !weight.isNumber()
                        || !Double.isFinite(weight.doubleValue())))) {
                    throw new IllegalArgumentException("links[" + i + "]: expected an id or [id, weight], got " + l);
                }
                Entity e = w.population.get(peer.stringValue());
                if (e == null) {
                    throw new IllegalArgumentException("links[" + i + "]: " + unknownEntity(peer.stringValue()));
                }
                if (peers.contains(e)) {
                    throw new IllegalArgumentException("links[" + i + "]: '" + e.id + "' is listed twice; give each "
                            + "link once");
                }
                peers.add(e);
                weights.add(weight == null ? 1 : weight.doubleValue());
            }
            if (w.network.count() + peers.size() > w.limits.maxLinks()) {
                throw new IllegalArgumentException("links: " + peers.size() + " more links would exceed "
                        + "limits.max_links (" + w.limits.maxLinks() + ")");
            }
        }
        return added(script, state, id, at, newId -> {
            Entity e = w.population.get(newId);
            for (int i = 0; i < peers.size(); i++) {
                if (e == null || !peers.get(i).alive) {
                    throw new IllegalArgumentException("links[" + i + "]: " + (e == null ? "'" + newId + "'"
                            : "'" + peers.get(i).id + "'") + " was destroyed by the new entity's init");
                }
                w.network.link(e, peers.get(i), weights.get(i));
            }
        });
    }

    private String added(String script, ObjectNode state, String id, JsonNode at,
                         java.util.function.Consumer<String> then) throws SimulationException {
        Space.Placement placement = Space.placement(at, w.space == null ? null : w.space.spec, "at");
        if (!w.scripts.containsKey(script)) {
            throw new IllegalArgumentException(unknownScript(script));
        }
        if (id != null && (id.isBlank() || w.population.contains(id))) {
            throw new IllegalArgumentException(id.isBlank() ? "an entity id must not be empty"
                    : "entity '" + id + "' exists in world '" + w.name + "'; choose another id or omit it");
        }
        if (w.population.live() >= w.limits.maxEntities()) {
            throw new IllegalArgumentException("world '" + w.name + "' is at limits.max_entities ("
                    + w.limits.maxEntities() + ")");
        }
        origin = null;
        Change change = change(); // before the id is drawn: a failed init gives the id back
        String newId = id != null ? id : w.nextId(script);
        ObjectNode initial = state == null ? JsonNodeFactory.instance.objectNode() : state.deepCopy();
        change.create(List.of(new Definition.EntityDef(newId, script, initial, null, placement)),
                "No entity was added.", () -> then.accept(newId));
        return newId;
    }

    /** Removes an entity between ticks; messages still addressed to it will be dropped. */
    public synchronized void removeEntity(String id) {
        Entity e = w.population.get(id);
        if (e == null) {
            throw new IllegalArgumentException(unknownEntity(id));
        }
        origin = null;
        change().remove(e);
    }

    // ---------------------------------------------------------------- running

    /**
     * Runs {@code ticks} ticks. Atomic per tick: on a script failure the world stays at the end of the last completed
     * tick and the exception says what failed and where.
     */
    public synchronized AdvanceReport advance(long ticks) throws SimulationException {
        return advance(ticks, null);
    }

    /**
     * As {@link #advance(long)}, telling {@code afterTick} (may be null) the number of ticks completed after each
     * one; when it answers false the run stops there, at a completed tick, and the report says how many ran. This
     * is how a caller cancels a run or bounds its duration: the world is never left inside a tick.
     */
    public synchronized AdvanceReport advance(long ticks, java.util.function.LongPredicate afterTick)
            throws SimulationException {
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must be >= 0, got " + ticks);
        }
        long delivered = 0;
        long droppedBefore = w.mail.dropped;
        java.util.Set<String> unknown = new java.util.LinkedHashSet<>();
        long done = 0;
        while (done < ticks) {
            Change change = change();
            try {
                delivered += new Tick(change).run();
            } catch (SimulationException e) {
                throw e.completed(done);
            }
            origin = null; // a failed tick changes nothing: a world whose first tick failed is still pristine
            done++;
            if (unknown.size() < AdvanceReport.UNKNOWN_SHOWN) {
                change.unknownRecipients().stream().limit(AdvanceReport.UNKNOWN_SHOWN - unknown.size()).forEach(unknown::add);
            }
            if (afterTick != null && !afterTick.test(done)) {
                break;
            }
        }
        return new AdvanceReport(done, time(), delivered, w.mail.dropped - droppedBefore, w.lastTickMetrics,
                List.copyOf(unknown));
    }

    // ---------------------------------------------------------------- reading

    /**
     * Where the world stands as of its last completed tick or change. Never blocks: it answers at once while
     * another thread is inside {@link #advance}, which is how a server reports a busy world's progress.
     */
    public record Status(long tick, double time, int entities) {
    }

    public Status status() {
        WorldParts.Published p = w.published();
        return new Status(p.tick(), p.time(), p.entities());
    }

    /**
     * The script call in progress, for a watcher on another thread: the entity whose {@code init} or
     * {@code update} runs now (null between calls) and how many calls have begun. A call is stuck when the same
     * count has stood with an entity named for longer than its budget; see the MCP server's runs.
     */
    public record Calling(String entity, String script, String language, long begun) {
    }

    public Calling calling() {
        Entity e = w.callingEntity();
        long begun = w.callsBegun();
        Script s = e == null ? null : e.script;
        return s == null ? new Calling(null, null, null, begun) : new Calling(e.id, s.id(), s.language(), begun);
    }

    /** Counts completed changes: whoever keeps a copy of this world (a file) knows when it is stale. */
    public long version() {
        return w.published().version();
    }

    /** Begins a change of this world: every part starts remembering what a rollback needs. */
    private Change change() {
        return new Change(w, EntityCall.CALLS);
    }

    public String name() {
        return w.name;
    }

    public long seed() {
        return w.seed;
    }

    public synchronized double time() {
        return w.clock.time();
    }

    public synchronized long tick() {
        return w.clock.tick;
    }

    public double dt() {
        return w.dt;
    }

    public Limits limits() {
        return w.limits;
    }

    /** A copy of the world's params. */
    public ObjectNode snapshotParams() {
        return w.params.deepCopy();
    }

    /** The script library as a world file writes it: {@code {id: {language, api?, source}}}. */
    public synchronized ObjectNode snapshotScripts() {
        return WorldFile.scripts(w.scripts);
    }

    public synchronized int entityCount() {
        return w.population.live();
    }

    public synchronized int pendingMessages() {
        return w.mail.queue.size();
    }

    /** Messages dropped because their recipient did not exist at delivery. */
    public synchronized long droppedMessages() {
        return w.mail.dropped;
    }

    /** Ids of live entities in creation order, all or of one script. */
    public synchronized List<String> entityIds(String script) {
        return w.population.ids(script);
    }

    /** Live entity counts per script, in library order. */
    public synchronized Map<String, Integer> countsByScript() {
        return w.countsByScript();
    }

    /** The script ids of the library with their languages. */
    public synchronized Map<String, String> scriptLanguages() {
        Map<String, String> out = new LinkedHashMap<>();
        w.scripts.forEach((id, s) -> out.put(id, s.language()));
        return out;
    }

    public synchronized Optional<String> scriptSource(String id) {
        return Optional.ofNullable(w.scripts.get(id)).map(s -> s.source().code());
    }

    public synchronized Optional<String> scriptOf(String entity) {
        return Optional.ofNullable(w.population.get(entity)).map(e -> e.script.id());
    }

    /** A copy of an entity's state. */
    public synchronized Optional<ObjectNode> entityState(String id) {
        return Optional.ofNullable(w.population.get(id)).map(e -> e.state.deepCopy());
    }

    /**
     * A field of every live entity's state that has one (not null), by id, in creation order: what a picture or a
     * view colours entities by, without copying whole states. A value, number, boolean or text, is Jackson's
     * immutable node; an object or a list is a copy.
     *
     * @param field a top-level field, or a dotted path through objects ({@code wallet.cash})
     */
    public synchronized Map<String, JsonNode> stateValues(String field) {
        String[] path = field.split("\\.");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Entity e : w.population.liveInOrder()) {
            JsonNode v = e.state;
            for (int i = 0; i < path.length && v != null; i++) {
                v = v.get(path[i]);
            }
            if (v != null && !v.isNull()) {
                out.put(e.id, v.isContainer() ? v.deepCopy() : v);
            }
        }
        return out;
    }

    /** Replaces an entity's state between ticks. */
    public synchronized void setEntityState(String id, ObjectNode state) throws SimulationException {
        setEntityStates(Map.of(id, state));
    }

    /**
     * Replaces several entities' states between ticks, all or none: if one entity's script refuses its new state,
     * every state is put back.
     */
    public synchronized void setEntityStates(Map<String, ObjectNode> states) throws SimulationException {
        origin = null;
        List<Entity> targets = new ArrayList<>();
        for (String id : states.keySet()) {
            Entity e = w.population.get(id);
            if (e == null) {
                throw new IllegalArgumentException(unknownEntity(id));
            }
            targets.add(e);
        }
        List<ObjectNode> old = targets.stream().map(e -> e.state).toList();
        for (Entity e : targets) {
            e.state = states.get(e.id).deepCopy();
        }
        try {
            change().restore(targets, "No state was changed.");
        } catch (SimulationException ex) {
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).state = old.get(i);
            }
            try {
                change().restore(targets, "");
            } catch (SimulationException ignored) {
                // the old states were accepted before; the first failure is the one to report
            }
            throw ex;
        }
        w.publish();
    }

    /** The world's space, if it has one. */
    public Optional<SpaceSpec> space() {
        return Optional.ofNullable(w.space).map(s -> s.spec);
    }

    /** Where a placed entity is (z is 0 in 2D). */
    public record Placed(String id, String script, double x, double y, double z) {
    }

    /** Live entities with a position, in creation order. */
    public synchronized List<Placed> positions() {
        List<Placed> out = new ArrayList<>();
        for (Entity e : w.population.liveInOrder()) {
            if (e.placed) {
                out.add(new Placed(e.id, e.script.id(), e.x, e.y, e.z));
            }
        }
        return out;
    }

    /** Entities per grid cell, x fastest, then y, then z (empty without a grid). */
    public synchronized int[] occupancy() {
        return w.space == null || !w.space.spec.grid() ? new int[0] : w.space.counts();
    }

    /** The layers and how each evolves, in declaration order. */
    public synchronized Map<String, LayerSpec> layers() {
        Map<String, LayerSpec> out = new LinkedHashMap<>();
        if (w.layers != null) {
            w.layers.names().forEach(n -> out.put(n, w.layers.spec(n)));
        }
        return out;
    }

    /** A layer's values (a copy), x fastest, then y, then z. */
    public synchronized double[] layerValues(String layer) {
        if (w.layers == null) {
            throw new IllegalArgumentException("world '" + w.name + "' has no layers");
        }
        return w.layers.values(layer);
    }

    public synchronized List<String> metricNames() {
        return List.copyOf(w.metrics.names());
    }

    public synchronized Optional<MetricView> metric(String name) {
        return Optional.ofNullable(w.metrics.get(name)).map(s -> s.view(name, w.dt));
    }

    /** The last {@code tail} log lines, of one entity when not null. */
    public synchronized List<LogLine> log(String entity, int tail) {
        return w.log.tail(entity, null, -1, tail);
    }

    /**
     * The newest {@code tail} log lines that match, oldest first.
     *
     * @param entity lines of this entity only, when not null
     * @param kinds  lines of these kinds only, when not null
     * @param before only lines older than this {@link LogLine#seq()} (paging back), when >= 0
     */
    public synchronized List<LogLine> log(String entity, java.util.Set<LogLine.Kind> kinds, long before, int tail) {
        return w.log.tail(entity, kinds, before, tail);
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
        var it = w.delivered.descendingIterator();
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

    /**
     * One entity's update in a recent tick (the last {@code limits.trace_ticks}, while the world has at most
     * {@code limits.trace_entities} entities): what it received, its state before and after, and what it did, in
     * order, each action as {@code {do, ...}}: {@code send} (to, kind, content, delay), {@code spawn} (id, script,
     * state), {@code destroy}, {@code move}, {@code take}, {@code put} (detail), {@code metric} (name, value),
     * {@code log} (text).
     */
    public record TraceStep(long tick, double time, List<Message> received, ObjectNode before, ObjectNode after,
                            List<ObjectNode> actions) {
    }

    /** {@code id}'s recent updates, oldest first; empty when not traced (see {@link TraceStep}). */
    public synchronized List<TraceStep> trace(String id) {
        return w.trace.of(id).stream().map(s -> new TraceStep(s.tick(), s.time(), s.received(), s.before(),
                s.after(), s.actions().stream().map(Trace::describe).toList())).toList();
    }

    /** Ticks whose trace is kept, oldest first. */
    public synchronized List<Long> tracedTicks() {
        return w.trace.kept();
    }

    /** Messages waiting in the queue, in delivery order. */
    public synchronized List<Message> pending() {
        return w.mail.queue.toList();
    }

    /** The error for a missing entity, naming the known ones (for callers that look entities up themselves). */
    public String unknownEntity(String id) {
        return w.unknownEntity(id);
    }

    /** The error for a missing script, naming the library's scripts. */
    public String unknownScript(String id) {
        return w.unknownScript(id);
    }

    // ---------------------------------------------------------------- snapshot and copy

    /** The network as it is now (empty when nothing is linked and no network was declared). */
    public synchronized NetworkView network() {
        List<Entity> nodes = new java.util.ArrayList<>();
        java.util.Map<Entity, Integer> index = new java.util.IdentityHashMap<>();
        for (Entity e : w.population.liveInOrder()) {
            if (w.network.node(e)) {
                index.put(e, nodes.size());
                nodes.add(e);
            }
        }
        int links = (int) w.network.count();
        int[] from = new int[links], to = new int[links];
        double[] weights = new double[links];
        int[] k = {0};
        w.network.forEachLink((a, b, weight) -> { // a linked entity is a node: both ends are indexed
            from[k[0]] = index.get(a);
            to[k[0]] = index.get(b);
            weights[k[0]++] = weight;
        });
        return new NetworkView(w.network.directed(), nodes.stream().map(e -> e.id).toList(),
                nodes.stream().map(e -> e.script.id()).toList(), from, to, weights);
    }

    /** Whether this world has a network: declared in its file, or links made by scripts. */
    public synchronized boolean hasNetwork() {
        return w.network.declared() || w.network.count() > 0;
    }

    /** How many links the network has (each undirected link once), without copying it as {@link #network} does. */
    public synchronized long linkCount() {
        return w.network.count();
    }

    /** The world as a world file tree: loading it and advancing gives the same result as never having stopped. */
    public synchronized ObjectNode snapshot() {
        return WorldFile.write(w);
    }

    /** An independent world that evolves exactly as this one would. Script globals start fresh. */
    public synchronized World copy(String newName) throws SimulationException {
        return copy(newName, null, null);
    }

    /**
     * An independent copy, optionally with another seed or params (for replications and parameter variations).
     * A world that nothing has changed since it was created from a fresh definition ({@link #pristine()}) is
     * rebuilt from that definition, so every {@code init} runs again with the new seed and params: replications
     * differ from their first draw. Any other world continues from now, with the params replaced and, for a new
     * seed, every generator derived afresh from it; draws already made stay as they were.
     *
     * @param newSeed   null keeps the seed
     * @param newParams null keeps the params; otherwise replaces them whole
     */
    public synchronized World copy(String newName, Long newSeed, ObjectNode newParams) throws SimulationException {
        long s = newSeed == null ? w.seed : newSeed;
        ObjectNode p = newParams == null ? w.params.deepCopy() : newParams.deepCopy();
        if (origin != null) {
            return build(origin.with(newName, s, p), Languages.installed());
        }
        ObjectNode snap = snapshot();
        snap.put("name", newName);
        snap.set("params", p);
        if (newSeed != null) {
            snap.put("seed", s);
            snap.remove("rng");
            snap.path("entities").forEach(e -> ((ObjectNode) e).remove("rng"));
        }
        return create(snap, null, null);
    }

    /** Whether nothing has changed this world since it was created from a fresh (not snapshot) definition. */
    public synchronized boolean pristine() {
        return origin != null;
    }

    /** Replaces the params scripts read as {@code e.params}, between ticks. */
    public synchronized void setParams(ObjectNode newParams) {
        w.params = newParams.deepCopy();
        origin = null;
        w.publish();
    }

    /** Releases every script context. */
    @Override
    public synchronized void close() {
        for (Script s : w.scripts.values()) {
            try {
                s.controller().close();
            } catch (RuntimeException ignored) {
                // closing is best effort; a broken guest context must not keep the others open
            }
        }
    }
}
