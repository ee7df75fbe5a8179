package org.polysim.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Snapshots in memory and in workspace files: one mechanism, since a snapshot is a world file. */
final class SnapshotTools {

    private static final String WORLD = "Name of the world.";

    private final ServerState state;

    SnapshotTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(
                new Tool("create_world_snapshot", "Save the world's complete state on the server; returns a "
                        + "snapshot_id for restore_world_snapshot.",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("label", "string", "A note to recognise it by."),
                        Schema.of().optional("snapshot_id", "string", "Id to restore.").open(), Tool.Hints.ADD,
                        this::create),
                new Tool("restore_world_snapshot", "Roll the world back to a snapshot, scripts and params "
                        + "included unless keep_scripts or keep_params; the reply names each script and param changed.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("snapshot_id", "string", "From create_world_snapshot or list_snapshots.")
                                .optional("keep_scripts", "boolean", "Keep the current scripts.")
                                .optional("keep_params", "boolean", "Keep the current params."),
                        WorldTools.worldSummaryOut().optional("changed", "object", "What the restore changed "
                                + "beside entities and time: {scripts: [{script, change}], params: [{param, from, "
                                + "to}]}; absent when nothing."), Tool.Hints.REPLACE, this::restore),
                new Tool("list_snapshots", "The snapshots kept for a world.",
                        Schema.of().required("world_name", "string", WORLD),
                        Schema.of().optional("snapshots", "array", "{snapshot_id, label, time}", Schema.itemsOf(
                                Schema.of().optional("snapshot_id", "string", "Id.")
                                        .optional("label", "any", "Its note, or null.", Map.of("type",
                                                List.of("string", "null")))
                                        .optional("time", "number", "World time.").open())).open(),
                        Tool.Hints.READ,
                        this::list),
                new Tool("save_world_snapshot_to_file", "Write the world as a world file (YAML or JSON by "
                        + "extension) in the server's workspace directory.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("file_path", "string", "Path relative to the workspace, ending in .yaml, "
                                        + ".yml or .json."),
                        Schema.of().optional("file_path", "string", "Absolute path written.").open(),
                        Tool.Hints.REPLACE,
                        this::save),
                new Tool("load_world_snapshot_from_file", "Load a world file or snapshot from the workspace as "
                        + "world_name (replacing a world of that name unless replace_if_exists is false).",
                        Schema.of().required("world_name", "string", "Name to give the loaded world.")
                                .required("file_path", "string", "Path relative to the workspace.")
                                .optional("replace_if_exists", "boolean", "Replace an existing world of that name "
                                        + "(default true)."),
                        WorldTools.worldSummaryOut(), Tool.Hints.REPLACE, this::load));
    }

    private Tool.Result create(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String label = c.args().optString("label");
        return state.worlds.withWorld(name, w -> {
            Snapshots.Snapshot s = state.snapshots.add(name, label, w.time(), w.snapshot());
            ObjectNode out = Json.object().put("world_name", name).put("snapshot_id", s.id()).put("time", s.time())
                    .put("label", s.label());
            return new Tool.Result(out, "snapshot " + s.id() + " of '" + name + "' at time " + Views.num(s.time()));
        });
    }

    private Tool.Result restore(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().string("snapshot_id");
        boolean keepScripts = c.args().bool("keep_scripts", false);
        boolean keepParams = c.args().bool("keep_params", false);
        return state.worlds.locked(name, () -> {
            Snapshots.Snapshot s = state.snapshots.get(name, id);
            World current = state.worlds.world(name);
            ObjectNode target = s.world().deepCopy();
            if (keepScripts) {
                target.set("scripts", current.snapshotScripts());
            }
            if (keepParams) {
                target.set("params", current.snapshotParams());
            }
            ObjectNode changed = changes(current, target);
            World w = World.create(target, null, null);
            state.worlds.put(w, true);
            ObjectNode out = Views.overview(w, state);
            if (!changed.isEmpty()) {
                out.set("changed", changed);
            }
            return new Tool.Result(out, "world '" + name + "' restored to " + id + " (time " + Views.num(w.time())
                    + ")" + describe(changed, keepScripts, keepParams));
        });
    }

    /** The scripts and params that differ between the world now and what the restore puts in its place. */
    private static ObjectNode changes(World current, ObjectNode target) {
        ObjectNode out = Json.object();
        ObjectNode theirs = (ObjectNode) target.path("scripts");
        Map<String, String> languages = current.scriptLanguages();
        for (String script : languages.keySet()) {
            JsonNode then = theirs.get(script);
            String change = then == null ? "removed: added after the snapshot"
                    : !then.path("language").asString("").equals(languages.get(script))
                    ? "language back to " + then.path("language").asString("")
                    : !then.path("source").asString("").equals(current.scriptSource(script).orElse(""))
                    ? "source back to the snapshot's (the edits made since are undone)" : null;
            if (change != null) {
                out.withArray("scripts").addObject().put("script", script).put("change", change);
            }
        }
        ObjectNode now = current.snapshotParams();
        JsonNode then = target.path("params");
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(now.propertyNames());
        then.propertyNames().forEach(keys::add);
        for (String key : keys) {
            JsonNode from = now.get(key);
            JsonNode to = then.get(key);
            if (from == null || !from.equals(to)) {
                ObjectNode p = out.withArray("params").addObject().put("param", key);
                p.set("from", from);
                p.set("to", to);
            }
        }
        return out;
    }

    private static String describe(ObjectNode changed, boolean keepScripts, boolean keepParams) {
        StringBuilder s = new StringBuilder();
        for (JsonNode script : changed.path("scripts")) {
            s.append(s.isEmpty() ? "" : "; ").append("script '").append(script.get("script").asString())
                    .append("' ").append(script.get("change").asString());
        }
        for (JsonNode p : changed.path("params")) {
            s.append(s.isEmpty() ? "" : "; ").append("param '").append(p.get("param").asString()).append("' ")
                    .append(p.get("from") == null || p.get("from").isNull() ? "(absent)" : p.get("from").toString())
                    .append(" -> ").append(p.get("to") == null || p.get("to").isNull() ? "(absent)"
                            : p.get("to").toString());
        }
        if (s.isEmpty()) {
            return "; scripts and params are as they were";
        }
        return ". It also changed: " + s + (changed.has("scripts") && !keepScripts ? ". To rerun with the "
                + "current scripts, restore with keep_scripts: true" : "") + (changed.has("params") && !keepParams
                ? (changed.has("scripts") && !keepScripts ? " (and keep_params: true for the params)"
                : ". To keep the current params, restore with keep_params: true") : "");
    }

    private Tool.Result list(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        return state.worlds.locked(name, () -> {
            ArrayNode list = Json.F.arrayNode();
            for (Snapshots.Snapshot s : state.snapshots.list(name)) {
                list.addObject().put("snapshot_id", s.id()).put("label", s.label()).put("time", s.time());
            }
            ObjectNode out = Json.object().put("world_name", name);
            out.set("snapshots", list);
            return new Tool.Result(out, list.size() + " snapshots of '" + name + "'");
        });
    }

    private Tool.Result save(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        Path file = state.workspace.resolve(c.args().string("file_path"));
        return state.worlds.withWorld(name, w -> {
            try {
                WorldFiles.write(w.snapshot(), file);
            } catch (java.io.IOException e) {
                throw new ToolError("could not write " + state.workspace.root().relativize(file) + ": "
                        + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                        : e.getMessage()) + "; choose another path relative to the workspace");
            }
            ObjectNode out = Json.object().put("world_name", name).put("file_path", file.toString())
                    .put("time", w.time()).put("bytes", Files.size(file));
            return new Tool.Result(out, "saved '" + name + "' at time " + Views.num(w.time()) + " to " + file);
        });
    }

    private Tool.Result load(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        Path file = state.workspace.resolve(c.args().string("file_path"));
        boolean replace = c.args().bool("replace_if_exists", true);
        return state.worlds.locked(name, () -> {
            if (!Files.isRegularFile(file)) {
                throw new ToolError("no file '" + state.workspace.root().relativize(file) + "' in the workspace "
                        + state.workspace.root());
            }
            if (!replace && state.worlds.contains(name)) {
                throw new ToolError("a world named '" + name + "' exists; pass replace_if_exists: true or choose "
                        + "another name");
            }
            JsonNode tree = WorldFiles.read(file);
            WorldFiles.rename(tree, name);
            World w = World.create(tree, file.getParent(), name, state.workspace.root());
            state.worlds.put(w, true);
            state.snapshots.drop(name);
            return new Tool.Result(Views.overview(w, state), "loaded '" + name + "' from " + file + " (time "
                    + Views.num(w.time()) + ", " + Views.count(w.entityCount(), "entity", "entities") + ")");
        });
    }
}
