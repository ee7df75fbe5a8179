package org.polysim.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.polysim.engine.Fields;
import org.polysim.engine.ParamChanges;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFileException;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an experiment file (YAML or JSON) or tree into an {@link Experiment}, checking everything that can be checked
 * before a run starts: unknown fields, the world (it must load: its scripts compile and every {@code init} runs), each
 * name in {@code vary} and {@code params} against the world's params, empty lists, duplicate values, replications.
 */
public final class ExperimentReader {

    static final Set<String> NAMES = Set.of("name", "world", "steps", "vary", "params", "replications", "seed",
            "measure");
    /** The experiment file's field reads: refusals are {@link ExperimentException}s naming the field. */
    private static final Fields FIELDS = new Fields(ExperimentException::new, Set.of());

    private final Path confine;

    /** @param confine when not null, the world file and its script files must lie inside this directory */
    public ExperimentReader(Path confine) {
        this.confine = confine == null ? null : confine.toAbsolutePath().normalize();
    }

    /** Reads an experiment file; a {@code world} path in it is relative to the file. */
    public Experiment read(Path file) {
        JsonNode tree;
        try {
            tree = WorldFiles.read(file);
        } catch (WorldFileException e) {
            throw new ExperimentException("", e.getMessage().replace("world file", "experiment file"));
        }
        return read(tree, file.toAbsolutePath().getParent(), WorldFiles.stem(file));
    }

    /**
     * Reads an experiment tree.
     *
     * @param baseDir     what a {@code world} path and an inline world's script files are relative to (null: the
     *                    world must be inline, with inline scripts)
     * @param defaultName the experiment's name when it has none
     */
    public Experiment read(JsonNode tree, Path baseDir, String defaultName) {
        if (!(tree instanceof ObjectNode e)) {
            throw new ExperimentException("", "an experiment is an object with world, steps, vary, replications, "
                    + "seed and measure");
        }
        FIELDS.known(e, NAMES, "");
        String name = e.has("name") ? FIELDS.requiredString(e, "name", "") : defaultName;
        if (name == null || name.isBlank()) {
            throw new ExperimentException("name", "missing: give the experiment a name");
        }
        ObjectNode world = world(e.get("world"), baseDir);
        ObjectNode definition = WorldFiles.definition(world);
        if (WorldFiles.isSnapshot(world)) {
            throw new ExperimentException("world", "is a snapshot (it has a time): every run must start from the "
                    + "beginning with its own seed; use the world file the snapshot came from");
        }
        ObjectNode params = definition.get("params") instanceof ObjectNode p ? p : definition.putObject("params");
        ObjectNode fixed = FIELDS.optObject(e.get("params"), "params");
        if (fixed != null) {
            for (String param : fixed.propertyNames()) {
                requireParam(params, param, "params." + param);
                params.set(param, fixed.get(param));
            }
        }
        Map<String, List<JsonNode>> vary = vary(e.get("vary"), params);
        long steps = FIELDS.whole(e, "steps", null, 1, Long.MAX_VALUE, "");
        int replications = (int) FIELDS.whole(e, "replications", 1L, 1, Experiment.MAX_RUNS, "");
        long seed = FIELDS.optLong(e, "seed", 0, "");
        List<String> measure = measure(e.get("measure"));
        checkLoads(world, name);
        return new Experiment(name, world, steps, vary, replications, seed, measure);
    }

    private ObjectNode world(JsonNode node, Path baseDir) {
        if (node == null || node.isNull()) {
            throw new ExperimentException("world", "missing: give a world file path (relative to the experiment "
                    + "file) or the world itself");
        }
        if (node.isString()) {
            if (baseDir == null) {
                throw new ExperimentException("world", "a path needs an experiment file to be relative to; give "
                        + "the world inline, or run the experiment from a file");
            }
            Path file = confined(baseDir.resolve(node.stringValue()), "world");
            if (!Files.isRegularFile(file)) {
                throw new ExperimentException("world", "no world file '" + node.stringValue() + "' (looked for "
                        + file + ")");
            }
            JsonNode tree;
            try {
                tree = WorldFiles.read(file);
            } catch (WorldFileException ex) {
                throw new ExperimentException("world", "does not load: " + ex.getMessage());
            }
            return inlineScripts(tree, file.getParent());
        }
        if (node instanceof ObjectNode inline) {
            return inlineScripts(inline.deepCopy(), baseDir);
        }
        throw new ExperimentException("world", "must be a path or a world definition, got " + node.getNodeType());
    }

    /**
     * Replaces each {@code file:} script by its text, and {@code network.edges_file} by its links, so the definition
     * is whole: a run on another machine needs nothing but it.
     */
    private ObjectNode inlineScripts(JsonNode tree, Path dir) {
        ObjectNode definition;
        try {
            definition = WorldFiles.definition(tree);
        } catch (WorldFileException ex) {
            throw new ExperimentException("world", ex.getMessage());
        }
        if (definition.get("scripts") instanceof ObjectNode scripts) {
            for (String id : scripts.propertyNames()) {
                if (scripts.get(id) instanceof ObjectNode s && s.has("file") && s.get("file").isString()) {
                    String where = "world.scripts." + id + ".file";
                    if (dir == null) {
                        throw new ExperimentException(where, "a script file needs a directory to be relative to; "
                                + "give the script as source");
                    }
                    Path f = confined(dir.resolve(s.get("file").stringValue()), where);
                    try {
                        s.put("source", Files.readString(f));
                    } catch (IOException ex) {
                        throw new ExperimentException(where, "cannot read " + f + " (" + ex.getMessage() + ")");
                    }
                    s.remove("file");
                }
            }
        }
        if (definition.get("network") instanceof ObjectNode network && network.get("edges_file") != null
                && network.get("edges_file").isString()) {
            String where = "world.network.edges_file";
            if (dir == null) {
                throw new ExperimentException(where, "an edge file needs a directory to be relative to; give the "
                        + "links as network.edges");
            }
            Path f = confined(dir.resolve(network.get("edges_file").stringValue()), where);
            try {
                network.set("edges", WorldFiles.edges(Files.readString(f), f.getFileName().toString()));
            } catch (IOException ex) {
                throw new ExperimentException(where, "cannot read " + f + " (" + ex.getMessage() + ")");
            } catch (WorldFileException ex) {
                throw new ExperimentException(where, ex.getMessage());
            }
            network.remove("edges_file");
        }
        return (ObjectNode) tree;
    }

    private Path confined(Path p, String where) {
        Path n = p.toAbsolutePath().normalize();
        if (confine != null) {
            try {
                Path real = Files.exists(n) ? n.toRealPath() : n;
                if (!n.startsWith(confine) || !real.startsWith(confine.toRealPath())) {
                    throw new ExperimentException(where, "'" + p + "' is outside the workspace; use a path inside it");
                }
            } catch (IOException ex) {
                throw new ExperimentException(where, "cannot resolve '" + p + "': " + ex.getMessage());
            }
        }
        return n;
    }

    private static void requireParam(ObjectNode params, String param, String where) {
        try {
            ParamChanges.check(params, param);
        } catch (ParamChanges.Unknown e) {
            throw new ExperimentException(where, "the world has no param '" + param + "' (its params: " + e.knownText()
                    + "); an experiment varies params the world already has: add it to the world's params or fix "
                    + "the name");
        }
    }

    private static Map<String, List<JsonNode>> vary(JsonNode node, ObjectNode params) {
        Map<String, List<JsonNode>> vary = new LinkedHashMap<>();
        ObjectNode o = FIELDS.optObject(node, "vary");
        if (o == null) {
            return vary; // replications of the world as it is
        }
        for (String param : o.propertyNames()) {
            String where = "vary." + param;
            requireParam(params, param, where);
            JsonNode values = o.get(param);
            if (!values.isArray()) {
                throw new ExperimentException(where, "must be a list of values, e.g. [0.1, 0.2, 0.3]; got "
                        + values);
            }
            if (values.isEmpty()) {
                throw new ExperimentException(where, "is an empty list; give at least one value");
            }
            Set<JsonNode> seen = new HashSet<>();
            List<JsonNode> list = new ArrayList<>();
            for (JsonNode v : values) {
                if (!seen.add(v)) {
                    throw new ExperimentException(where, "lists " + v + " twice; each value once (replications "
                            + "repeat a point)");
                }
                list.add(v.deepCopy());
            }
            vary.put(param, list);
        }
        return vary;
    }

    private static List<String> measure(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty() || node.valueStream().anyMatch(v -> !v.isString()
                || v.stringValue().isBlank())) {
            throw new ExperimentException("measure", "must be a non-empty list of metric names, e.g. [infected, "
                    + "recovered], or omitted for every metric the runs record");
        }
        List<String> names = node.valueStream().map(JsonNode::stringValue).distinct().toList();
        if (names.size() != node.size()) {
            throw new ExperimentException("measure", "names a metric twice; name each once");
        }
        return names;
    }

    private static void checkLoads(ObjectNode world, String name) {
        ObjectNode probe = world.deepCopy();
        WorldFiles.definition(probe).put("name", name + "-check");
        try (World w = World.create(probe, null, null)) {
            // loaded: its scripts compile and every init ran
        } catch (WorldFileException ex) {
            throw new ExperimentException("world", "does not load: " + ex.getMessage());
        } catch (SimulationException ex) {
            throw new ExperimentException("world", "does not load: " + ex.getMessage());
        }
    }
}
