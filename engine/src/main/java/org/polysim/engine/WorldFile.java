package org.polysim.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.polysim.engine.spi.ScriptSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place a world file is read and written (DESIGN.md "Snapshots are world files"), as MASON's checkpoint is:
 * the top level here (name, seed, dt, schedule, params, limits, scripts), each part's fields in the part itself
 * ({@link Clock}, {@link Population}, {@link Mail}, {@link SpaceSpec}, {@link Layers}, {@link MetricStore},
 * {@link NetworkSpec} and {@link Network}), each
 * read beside its write. Reading validates into a {@link Definition}, each problem one {@link WorldFileException}
 * naming the field path; the seed project's files and snapshots are translated first ({@link SeedFiles}).
 */
final class WorldFile {

    private static final Fields FIELDS = WorldSchema.FIELDS;
    private static final Set<String> TOP = WorldSchema.names(WorldSchema.WORLD);
    private static final Set<String> SCRIPT = WorldSchema.names(WorldSchema.SCRIPT);
    private static final Set<String> LIMITS = WorldSchema.limitNames();

    private final Path baseDir;
    private final Path confine;
    private final Languages languages;

    /**
     * @param baseDir directory that {@code file:} entries are relative to; null forbids {@code file:}
     * @param confine when not null, {@code file:} entries must resolve inside this directory
     */
    WorldFile(Path baseDir, Path confine, Languages languages) {
        this.baseDir = baseDir;
        this.confine = confine;
        this.languages = languages;
    }

    Definition read(JsonNode root, String defaultName) {
        ObjectNode given = FIELDS.object(root, "");
        if (SeedFiles.isSeed(given)) {
            SeedFiles seed = new SeedFiles(given);
            try {
                return read(seed.translated(), defaultName);
            } catch (WorldFileException e) {
                throw seed.inTheirTerms(e);
            }
        }
        return read(given, defaultName);
    }

    private Definition read(ObjectNode top, String defaultName) {
        if (top.has("world") && (top.has("vary") || top.has("steps") || top.has("replications"))) {
            throw new WorldFileException("world", "this is an experiment file (world, steps, vary, replications), "
                    + "not a world file: run it with polysim sweep FILE (or the run_experiment tool)");
        }
        FIELDS.known(top, TOP, "");
        String name = FIELDS.optString(top, "name", defaultName, "");
        if (name == null || name.isBlank()) {
            throw new WorldFileException("name", "missing: give the world a name (e.g. name: market)");
        }
        long seed = FIELDS.optLong(top, "seed", 0, "");
        double dt = FIELDS.optDouble(top, "dt", 1.0, "");
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new WorldFileException("dt", "must be a positive number, got " + dt);
        }
        ObjectNode params = top.has("params") ? FIELDS.object(top.get("params"), "params")
                : JsonNodeFactory.instance.objectNode();
        String schedule = FIELDS.optString(top, "schedule", "sequential", "");
        if (!schedule.equals("sequential") && !schedule.equals("random")) {
            throw new WorldFileException("schedule", "must be 'sequential' or 'random', got '" + schedule + "'");
        }
        Map<String, ScriptSource> scripts = scripts(top);
        SpaceSpec space = SpaceSpec.read(top.get("space"));
        Limits limits = limits(top.get("limits"));
        Population.Saved population = Population.read(top, scripts.keySet(), space);
        return new Definition(name, seed, dt, params, schedule.equals("random"), limits, scripts,
                space, Layers.read(top.get("layers"), space), Clock.read(top, dt), population, Mail.read(top, dt, space, scripts.keySet()),
                MetricStore.read(top.get("metrics"), dt),
                NetworkSpec.read(top.get(NetworkSpec.NETWORK), population, scripts.keySet(), limits, this::readFile));
    }

    /** The world as a world file tree: loading it and advancing gives the same result as never having stopped. */
    static ObjectNode write(WorldParts w) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", w.name);
        root.put("seed", w.seed);
        root.set("dt", Numbers.node(w.dt));
        root.put("schedule", w.randomSchedule ? "random" : "sequential");
        root.set("params", w.params.deepCopy());
        if (!w.limits.equals(Limits.DEFAULTS)) {
            ObjectNode l = root.putObject("limits");
            w.limits.values().forEach((field, v) -> l.put(field.key(), v));
        }
        root.set("scripts", scripts(w.scripts));
        for (Part p : w.parts) {
            p.write(root);
        }
        w.metrics.write(root, w.dt);
        return root;
    }

    /** The script library as a world file writes it: {@code {id: {language, api?, source}}}. */
    static ObjectNode scripts(Map<String, Script> scripts) {
        ObjectNode lib = JsonNodeFactory.instance.objectNode();
        scripts.forEach((id, s) -> {
            ObjectNode o = lib.putObject(id);
            o.put("language", s.language());
            if (!s.source().api().equals(ScriptSource.API_POLYSIM)) {
                o.put("api", s.source().api());
            }
            o.put("source", s.source().code());
        });
        return lib;
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
                scripts.put(entry.getKey(), script(entry.getKey(), s, where));
            }
        }
        if (scripts.isEmpty()) {
            throw new WorldFileException("scripts", "missing: a world needs at least one script, e.g. "
                    + "scripts: { walker: { language: lua, source: \"function update(e, inbox) end\" } }");
        }
        return scripts;
    }

    private ScriptSource script(String id, ObjectNode s, String where) {
        if (id.isBlank()) {
            throw new WorldFileException(where, "script id must not be empty");
        }
        String lang = FIELDS.requiredString(s, "language", where);
        String language = languages.find(lang, where + ".language").language();
        String code;
        if (s.has("source") && s.has("file")) {
            throw new WorldFileException(where, "give either source or file, not both");
        } else if (s.has("file")) {
            code = readFile(FIELDS.requiredString(s, "file", where), where + ".file");
        } else if (s.has("source")) {
            code = FIELDS.requiredString(s, "source", where);
        } else {
            throw new WorldFileException(where, "missing: give the script text as source (or a path as file)");
        }
        String api = FIELDS.optString(s, "api", ScriptSource.API_POLYSIM, where);
        var apis = languages.find(language, where + ".language").apis();
        if (!apis.contains(api)) {
            throw new WorldFileException(where + ".api", "a " + language + " script's api is "
                    + String.join(" or ", new java.util.TreeSet<>(apis)) + ", got '" + api + "'"
                    + (apis.size() == 1 ? "; leave api out" : ""));
        }
        return new ScriptSource(id, language, code, api);
    }

    private String readFile(String file, String where) {
        if (baseDir == null) {
            throw new WorldFileException(where, "files are only allowed in world files on disk (or the server's "
                    + "workspace); put the text in the world itself");
        }
        Path path = baseDir.resolve(file).normalize();
        try {
            if (confine != null && !path.toRealPath().startsWith(confine.toRealPath())) {
                throw new WorldFileException(where, "'" + file + "' is outside " + confine
                        + "; files a world reads must be inside it");
            }
            return Files.readString(path);
        } catch (IOException e) {
            throw new WorldFileException(where, "cannot read file " + path + " (" + e.getMessage() + ")");
        }
    }

}
