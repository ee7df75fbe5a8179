package org.polysim.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.polysim.engine.Definition.EntityDef;
import org.polysim.engine.Definition.SeriesDef;
import org.polysim.engine.spi.ScriptSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a world definition tree into a {@link Definition}. Each problem is one {@link WorldFileException} naming
 * the field path. Accepts the polysim schema (DESIGN.md) and the seed project's ({@code script_library},
 * {@code script_id}, {@code initial_state}), also mixed, and the seed project's snapshots
 * ({@code {configuration, simulation_time, metrics, pending_messages}}).
 */
final class WorldReader {

    private static final Set<String> TOP = WorldSchema.names(WorldSchema.WORLD);
    private static final Set<String> SCRIPT = WorldSchema.names(WorldSchema.SCRIPT);
    /** The seed project's script entry: its own fields ({@code id}, {@code kind}, {@code script}) and ours. */
    private static final Set<String> SEED_SCRIPT = union(SCRIPT, Set.of("id", "kind", "script"));
    private static final Set<String> ENTITY = WorldSchema.names(WorldSchema.ENTITY);
    private static final Set<String> MESSAGE = Set.of("seq", "from", "to", "kind", "content", "sent_at",
            "deliver_at");
    private static final Set<String> SEED_SNAPSHOT = Set.of("configuration", "simulation_time", "metrics",
            "pending_messages");
    private static final Set<String> SEED_MESSAGE = Set.of("sender", "receiver", "content", "kind", "receive_step");
    private static final Set<String> LIMITS = WorldSchema.limitNames();
    private static final Set<String> METRIC = WorldSchema.names(WorldSchema.METRIC);
    private static final Set<String> SNAPSHOT_ONLY = WorldSchema.snapshotNames();
    /** The world file's field reads: refusals are {@link WorldFileException}s naming the path. */
    static final Fields FIELDS = new Fields(WorldFileException::new, SNAPSHOT_ONLY);

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private final Path baseDir;
    private final Path confine;
    private final Languages languages;

    /**
     * @param baseDir directory that {@code file:} entries are relative to; null forbids {@code file:}
     * @param confine when not null, {@code file:} entries must resolve inside this directory
     */
    WorldReader(Path baseDir, Path confine, Languages languages) {
        this.baseDir = baseDir;
        this.confine = confine;
        this.languages = languages;
    }

    Definition read(JsonNode root, String defaultName) {
        ObjectNode top = FIELDS.object(root, "");
        if (top.has("configuration")) {
            return seedSnapshot(top, defaultName);
        }
        if (top.has("world") && (top.has("vary") || top.has("steps") || top.has("replications"))) {
            throw new WorldFileException("world", "this is an experiment file (world, steps, vary, replications), "
                    + "not a world file: run it with polysim sweep FILE (or the run_experiment tool)");
        }
        FIELDS.known(top, TOP, "");
        String name = FIELDS.optString(top, "name", null, "");
        if (name == null) {
            name = FIELDS.optString(top, "world_name", defaultName, "");
        }
        if (name == null || name.isBlank()) {
            throw new WorldFileException("name", "missing: give the world a name (e.g. name: market)");
        }
        long seed = FIELDS.optLong(top, "seed", 0, "");
        double dt = FIELDS.optDouble(top, "dt", 1.0, "");
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new WorldFileException("dt", "must be a positive number, got " + dt);
        }
        Long tick = null;
        if (top.has("time")) {
            double time = FIELDS.optDouble(top, "time", 0, "");
            if (time < 0) {
                throw new WorldFileException("time", "must be >= 0, got " + time);
            }
            tick = Math.round(time / dt);
        }
        ObjectNode params = top.has("params") ? FIELDS.object(top.get("params"), "params")
                : JsonNodeFactory.instance.objectNode();
        String schedule = FIELDS.optString(top, "schedule", "sequential", "");
        if (!schedule.equals("sequential") && !schedule.equals("random")) {
            throw new WorldFileException("schedule", "must be 'sequential' or 'random', got '" + schedule + "'");
        }
        Limits limits = limits(top.get("limits"));
        Map<String, ScriptSource> scripts = scripts(top);
        Map<String, Long> counters = counters(top.get("counters"), scripts);
        SpaceSpec space = SpaceReader.space(top.get("space"));
        var layers = SpaceReader.layers(top.get("layers"), space);
        List<EntityDef> entities = entities(top.get("entities"), scripts, counters, space);
        return new Definition(name, seed, dt, tick, params, schedule.equals("random"), limits, scripts, space, layers,
                entities,
                messages(top.get("messages"), dt), metrics(top.get("metrics"), dt),
                top.has("rng") ? FIELDS.optLong(top, "rng", 0, "") : null, counters,
                FIELDS.optLong(top, "sequence", 0, ""),
                FIELDS.optLong(top, "dropped", 0, ""));
    }

    private Limits limits(JsonNode node) {
        if (node == null || node.isNull()) {
            return Limits.DEFAULTS;
        }
        ObjectNode o = FIELDS.object(node, "limits");
        FIELDS.known(o, LIMITS, "limits");
        Map<Limits.Field, Long> values = new java.util.EnumMap<>(Limits.Field.class);
        for (Limits.Field f : Limits.Field.values()) {
            if (o.has(f.key())) {
                values.put(f, FIELDS.optLong(o, f.key(), 0, "limits"));
            }
        }
        try {
            return Limits.of(values);
        } catch (IllegalArgumentException e) {
            throw new WorldFileException("limits", e.getMessage());
        }
    }

    private Map<String, ScriptSource> scripts(ObjectNode top) {
        Map<String, ScriptSource> scripts = new LinkedHashMap<>();
        if (top.has("scripts")) {
            ObjectNode lib = FIELDS.object(top.get("scripts"), "scripts");
            for (var entry : lib.properties()) {
                String where = "scripts." + entry.getKey();
                ObjectNode s = FIELDS.object(entry.getValue(), where);
                FIELDS.known(s, SCRIPT, where);
                scripts.put(entry.getKey(), script(entry.getKey(), s, where, ScriptSource.API_POLYSIM,
                        "language", "source"));
            }
        }
        if (top.has("script_library")) {
            JsonNode lib = top.get("script_library");
            if (lib.isObject()) { // the seed project's own form: script id -> {id, kind, script}
                for (var entry : lib.properties()) {
                    String where = "script_library." + entry.getKey();
                    ObjectNode s = FIELDS.object(entry.getValue(), where);
                    String id = FIELDS.optString(s, "id", entry.getKey(), where);
                    if (!id.equals(entry.getKey())) {
                        throw new WorldFileException(where + ".id", "'" + id + "' differs from its key '"
                                + entry.getKey() + "'; the key is the script's id: make them equal or drop id");
                    }
                    seedScript(scripts, id, s, where);
                }
            } else if (lib.isArray()) {
                for (int i = 0; i < lib.size(); i++) {
                    String where = "script_library[" + i + "]";
                    ObjectNode s = FIELDS.object(lib.get(i), where);
                    seedScript(scripts, FIELDS.requiredString(s, "id", where), s, where);
                }
            } else {
                throw new WorldFileException("script_library", "expected a map of script id to {id, kind, script} "
                        + "(or a list of {id, kind, script}), got " + Fields.describe(lib));
            }
        }
        if (scripts.isEmpty()) {
            throw new WorldFileException("scripts", "missing: a world needs at least one script, e.g. "
                    + "scripts: { walker: { language: lua, source: \"function update(e, inbox) end\" } }");
        }
        return scripts;
    }

    private void seedScript(Map<String, ScriptSource> scripts, String id, ObjectNode s, String where) {
        FIELDS.known(s, SEED_SCRIPT, where);
        if (scripts.containsKey(id)) {
            throw new WorldFileException(where + ".id", "duplicate script id '" + id + "'");
        }
        String langField = s.has("kind") ? "kind" : "language";
        String srcField = s.has("script") ? "script" : "source";
        scripts.put(id, script(id, s, where, ScriptSource.API_VIVARIUM, langField, srcField));
    }

    private ScriptSource script(String id, ObjectNode s, String where, String defaultApi, String langField,
                                String srcField) {
        if (id.isBlank()) {
            throw new WorldFileException(where, "script id must not be empty");
        }
        String lang = FIELDS.requiredString(s, langField, where);
        String language = languages.find(lang, where + "." + langField).language();
        String code;
        if (s.has(srcField) && s.has("file")) {
            throw new WorldFileException(where, "give either " + srcField + " or file, not both");
        } else if (s.has("file")) {
            code = readFile(FIELDS.requiredString(s, "file", where), where + ".file");
        } else if (s.has(srcField)) {
            code = FIELDS.requiredString(s, srcField, where);
        } else {
            throw new WorldFileException(where, "missing: give the script text as " + srcField
                    + " (or a path as file)");
        }
        String api = FIELDS.optString(s, "api", defaultApi, where);
        if (api.equals("seed")) {
            api = ScriptSource.API_VIVARIUM; // what snapshots written before the rename say
        }
        if (!api.equals(ScriptSource.API_POLYSIM) && !api.equals(ScriptSource.API_VIVARIUM)) {
            throw new WorldFileException(where + ".api", "must be 'polysim' or 'vivarium' (the seed project's "
                    + "API), got '" + api + "'");
        }
        return new ScriptSource(id, language, code, api);
    }

    private String readFile(String file, String where) {
        if (baseDir == null) {
            throw new WorldFileException(where, "scripts from files are only allowed in world files on disk; "
                    + "put the script text in source");
        }
        Path path = baseDir.resolve(file).normalize();
        try {
            if (confine != null && !path.toRealPath().startsWith(confine.toRealPath())) {
                throw new WorldFileException(where, "'" + file + "' is outside " + confine
                        + "; script files must be inside it");
            }
            return Files.readString(path);
        } catch (IOException e) {
            throw new WorldFileException(where, "cannot read script file " + path + " (" + e.getMessage() + ")");
        }
    }

    private Map<String, Long> counters(JsonNode node, Map<String, ScriptSource> scripts) {
        Map<String, Long> counters = new LinkedHashMap<>();
        if (node != null && !node.isNull()) {
            ObjectNode o = FIELDS.object(node, "counters");
            for (var e : o.properties()) {
                counters.put(e.getKey(), FIELDS.optLong(o, e.getKey(), 0, "counters"));
            }
        }
        return counters;
    }

    private List<EntityDef> entities(JsonNode node, Map<String, ScriptSource> scripts, Map<String, Long> counters,
                                     SpaceSpec space) {
        List<EntityDef> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new WorldFileException("entities", "expected a list of entities, got " + Fields.describe(node));
        }
        Set<String> explicit = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i).get("id");
            if (id != null && id.isString() && !explicit.add(id.stringValue())) {
                throw new WorldFileException("entities[" + i + "].id", "duplicate entity id '" + id.stringValue()
                        + "'; ids must be unique in a world");
            }
        }
        for (int i = 0; i < node.size(); i++) {
            String where = "entities[" + i + "]";
            ObjectNode e = FIELDS.object(node.get(i), where);
            FIELDS.known(e, ENTITY, where);
            String scriptField = e.has("script_id") ? "script_id" : "script";
            String script = FIELDS.requiredString(e, scriptField, where);
            if (!scripts.containsKey(script)) {
                throw new WorldFileException(where + "." + scriptField, "no script '" + script
                        + "' in the library (known: " + String.join(", ", scripts.keySet()) + ")");
            }
            String stateField = e.has("initial_state") ? "initial_state" : "state";
            ObjectNode state = e.has(stateField) && !e.get(stateField).isNull()
                    ? FIELDS.object(e.get(stateField), where + "." + stateField)
                    : JsonNodeFactory.instance.objectNode();
            Long rng = e.has("rng") ? FIELDS.optLong(e, "rng", 0, where) : null;
            Space.Placement at = SpaceReader.placement(e.get("at"), space, where + ".at");
            if (e.has("count")) {
                if (e.has("id")) {
                    throw new WorldFileException(where, "give either id (one entity) or count (a group), not both");
                }
                long count = FIELDS.optLong(e, "count", 1, where);
                if (count < 0) {
                    throw new WorldFileException(where + ".count", "must be >= 0, got " + count);
                }
                for (long k = 0; k < count; k++) {
                    out.add(new EntityDef(nextId(script, counters, explicit), script, state, rng, at));
                }
            } else if (e.has("id")) {
                String id = FIELDS.requiredString(e, "id", where);
                if (id.isBlank()) {
                    throw new WorldFileException(where + ".id", "must not be empty");
                }
                out.add(new EntityDef(id, script, state, rng, at));
            } else {
                out.add(new EntityDef(nextId(script, counters, explicit), script, state, rng, at));
            }
        }
        return out;
    }

    /** {@code <script>-<k>}, k counting on per script and skipping ids taken explicitly. */
    static String nextId(String script, Map<String, Long> counters, Predicate<String> taken) {
        while (true) {
            String id = script + "-" + counters.merge(script, 1L, Long::sum);
            if (!taken.test(id)) {
                return id;
            }
        }
    }

    private static String nextId(String script, Map<String, Long> counters, Set<String> taken) {
        String id = nextId(script, counters, taken::contains);
        taken.add(id);
        return id;
    }

    private List<Message> messages(JsonNode node, double dt) {
        List<Message> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new WorldFileException("messages", "expected a list of messages, got " + Fields.describe(node));
        }
        for (int i = 0; i < node.size(); i++) {
            String where = "messages[" + i + "]";
            ObjectNode m = FIELDS.object(node.get(i), where);
            FIELDS.known(m, MESSAGE, where);
            JsonNode content = m.has("content") ? m.get("content") : JsonNodeFactory.instance.nullNode();
            out.add(new Message(FIELDS.optLong(m, "seq", i, where), FIELDS.requiredString(m, "from", where),
                    FIELDS.requiredString(m, "to", where), FIELDS.optString(m, "kind", "", where), content,
                    FIELDS.optDouble(m, "sent_at", 0, where),
                    Math.round(FIELDS.optDouble(m, "deliver_at", 0, where) / dt)));
        }
        return out;
    }

    /**
     * {@code metrics: {name: {missing?, times?, values?}}}: what a tick without a value means (an author writes
     * this), and the history a snapshot carries.
     */
    private Map<String, SeriesDef> metrics(JsonNode node, double dt) {
        Map<String, SeriesDef> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        ObjectNode o = FIELDS.object(node, "metrics");
        for (var e : o.properties()) {
            String where = "metrics." + e.getKey();
            ObjectNode s = FIELDS.object(e.getValue(), where);
            FIELDS.known(s, METRIC, where);
            Double missing = null;
            if (s.has("missing")) {
                JsonNode m = s.get("missing");
                if (!m.isNumber() || !Double.isFinite(m.doubleValue())) {
                    throw new WorldFileException(where + ".missing", "must be a number (what a tick in which no "
                            + "entity records " + e.getKey() + " counts as, usually 0), got " + Fields.describe(m));
                }
                if (e.getKey().startsWith(MetricStore.POPULATION)) {
                    throw new WorldFileException(where + ".missing", "the engine records " + e.getKey()
                            + " itself every tick, zero included; it needs no missing value");
                }
                missing = m.doubleValue();
            }
            JsonNode times = s.get("times");
            JsonNode values = s.get("values");
            if (times == null && values == null) {
                out.put(e.getKey(), new SeriesDef(new long[0], new double[0], missing));
                continue;
            }
            if (times == null || values == null || !times.isArray() || !values.isArray()
                    || times.size() != values.size()) {
                throw new WorldFileException(where, "a history is {times: [...], values: [...]} of equal length");
            }
            long[] ticks = new long[times.size()];
            double[] vals = new double[values.size()];
            for (int i = 0; i < ticks.length; i++) {
                if (!times.get(i).isNumber() || !values.get(i).isNumber()) {
                    throw new WorldFileException(where + "[" + i + "]", "times and values must be numbers");
                }
                ticks[i] = Math.round(times.get(i).doubleValue() / dt);
                vals[i] = values.get(i).doubleValue();
            }
            out.put(e.getKey(), new SeriesDef(ticks, vals, missing));
        }
        return out;
    }

    // ---- the seed project's snapshots ----

    /**
     * {@code {configuration: <seed world file>, simulation_time, metrics: {metrics: {name: [[time, value], ...]}},
     * pending_messages: [{sender, receiver, content, kind, receive_step}]}}. The configuration's entities hold their
     * states at {@code simulation_time}, so they come back through {@code set_state} like any snapshot's.
     */
    private Definition seedSnapshot(ObjectNode top, String defaultName) {
        FIELDS.known(top, SEED_SNAPSHOT, "");
        ObjectNode config = FIELDS.object(top.get("configuration"), "configuration").deepCopy();
        for (String field : List.of("time", "messages", "metrics")) {
            if (config.has(field)) {
                throw new WorldFileException("configuration." + field, "a seed snapshot gives this outside its "
                        + "configuration (simulation_time, pending_messages, metrics); remove it here");
            }
        }
        long time = FIELDS.optLong(top, "simulation_time", 0, "");
        if (time < 0) {
            throw new WorldFileException("simulation_time", "must be >= 0, got " + time);
        }
        config.put("time", time);
        Definition d;
        try {
            d = read(config, defaultName);
        } catch (WorldFileException e) {
            throw e.under("configuration");
        }
        List<Message> messages = seedMessages(top.get("pending_messages"), time, d.dt());
        long broadcasts = top.path("pending_messages").size() - messages.size();
        return new Definition(d.name(), d.seed(), d.dt(), d.tick(), d.params(), d.randomSchedule(), d.limits(),
                d.scripts(), d.space(), d.layers(), d.entities(), messages, seedMetrics(top.get("metrics"), d.dt()), d.scheduleRng(),
                d.counters(), Math.max(d.sequence(), messages.size()), d.dropped() + broadcasts);
    }

    /** The pending messages to entities; broadcasts are left out (see {@link #receiver}). */
    private static List<Message> seedMessages(JsonNode pending, long time, double dt) {
        List<Message> messages = new ArrayList<>();
        if (pending == null || pending.isNull()) {
            return messages;
        }
        if (!pending.isArray()) {
            throw new WorldFileException("pending_messages", "expected a list of messages, got "
                    + Fields.describe(pending));
        }
        for (int i = 0; i < pending.size(); i++) {
            String where = "pending_messages[" + i + "]";
            ObjectNode m = FIELDS.object(pending.get(i), where);
            FIELDS.known(m, SEED_MESSAGE, where);
            String to = receiver(m.get("receiver"), where + ".receiver");
            if (!m.has("receive_step")) {
                throw new WorldFileException(where + ".receive_step", "missing (expected a whole number: the time "
                        + "the message is delivered)");
            }
            long at = FIELDS.optLong(m, "receive_step", 0, where);
            String from = FIELDS.requiredString(m, "sender", where);
            String kind = FIELDS.requiredString(m, "kind", where);
            JsonNode content = m.has("content") ? m.get("content") : JsonNodeFactory.instance.objectNode();
            if (to != null) {
                // the seed does not record when a message was sent: the snapshot's time is the latest it can be
                messages.add(new Message(messages.size(), from, to, kind, content, time, Math.round(at / dt)));
            }
        }
        return messages;
    }

    /**
     * A seed message's recipient: the id of {@code Entity {id}}, or null for a {@code Radius2D {x, y, radius}}
     * broadcast, which has no counterpart here (the seed itself never delivers them: they are dropped). serde writes
     * the variant as a key in JSON ({@code {"Entity": {"id": "b"}}}) and as a tag in YAML ({@code !Entity {id: b}}),
     * and a YAML tree keeps no tags, so the bare fields are accepted too.
     */
    private static String receiver(JsonNode node, String where) {
        ObjectNode r = FIELDS.object(node, where);
        String variant = null;
        if (r.size() == 1 && (r.has("Entity") || r.has("Radius2D"))) {
            variant = r.has("Entity") ? "Entity" : "Radius2D";
            where = where + "." + variant;
            r = FIELDS.object(r.get(variant), where);
        }
        if (!"Radius2D".equals(variant) && r.has("id")) {
            FIELDS.known(r, Set.of("id"), where);
            return FIELDS.requiredString(r, "id", where);
        }
        if (!"Entity".equals(variant) && r.has("radius")) {
            FIELDS.known(r, Set.of("x", "y", "radius"), where);
            return null;
        }
        throw new WorldFileException(where, "expected an entity recipient {Entity: {id: ...}} (YAML: !Entity {id: "
                + "...}) or a broadcast {Radius2D: {x, y, radius}}");
    }

    private static Map<String, SeriesDef> seedMetrics(JsonNode node, double dt) {
        Map<String, SeriesDef> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        ObjectNode o = FIELDS.object(node, "metrics");
        FIELDS.known(o, Set.of("metrics"), "metrics");
        if (!o.has("metrics") || o.get("metrics").isNull()) {
            return out;
        }
        for (var e : FIELDS.object(o.get("metrics"), "metrics.metrics").properties()) {
            String where = "metrics.metrics." + e.getKey();
            JsonNode points = e.getValue();
            if (!points.isArray()) {
                throw new WorldFileException(where, "expected a list of [time, value] pairs, got "
                        + Fields.describe(points));
            }
            long[] ticks = new long[points.size()];
            double[] values = new double[points.size()];
            for (int i = 0; i < ticks.length; i++) {
                JsonNode p = points.get(i);
                if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new WorldFileException(where + "[" + i + "]", "expected a [time, value] pair of numbers, "
                            + "got " + Fields.describe(p));
                }
                ticks[i] = Math.round(p.get(0).doubleValue() / dt);
                values[i] = p.get(1).doubleValue();
            }
            out.put(e.getKey(), new SeriesDef(ticks, values, null));
        }
        return out;
    }
}
