package org.polysim.mcp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.polysim.engine.World;
import org.polysim.engine.ParamChanges;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Creating, copying, listing and editing worlds and their entities and scripts. */
final class WorldTools {

    private static final String WORLD = "Name of the world.";

    private final ServerState state;

    WorldTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(
                new Tool("create_world", """
                        Create a world: the arguments ARE the world file, every field explained in \
                        polysim://docs/guide. Required: name, scripts ({id: {language, source}}); usually entities \
                        ([{script, count, state}] or [{id, script, state}]), params, seed. Or example: "<name>" (a \
                        tested model, polysim://examples/*) with fields to override (params merge). The seed \
                        project's files are accepted too. Each entity's init runs now.""",
                        Schema.of().optional("name", "string", "World name, unique on this server.")
                                .optional("example", "string", "A shipped example to start from "
                                        + "(polysim://examples/*).")
                                .world()
                                .optional("replace_if_exists", "boolean", "Replace a world of the same name "
                                        + "(default false).")
                                .open(),
                        worldSummaryOut(), Tool.Hints.CHANGE, this::create),
                new Tool("delete_world", "Delete a world and its snapshots.",
                        Schema.of().required("world_name", "string", WORLD),
                        Schema.of().optional("deleted", "string", "The deleted world's name.").open(),
                        Tool.Hints.REPLACE, this::delete),
                new Tool("copy_world", "Copy a world, optionally with another seed or params (replications, variations). A world not "
                        + "yet advanced is rebuilt, every init rerun; an advanced one continues from now.",
                        Schema.of().required("source_world_name", "string", "World to copy.")
                                .required("target_world_name", "string", "Name of the copy.")
                                .optional("seed", "integer", "Seed for the copy (default: the source's).")
                                .optional("params", "object", "Params to change (merged; each must exist).")
                                .optional("replace_if_exists", "boolean", "Replace an existing target (default "
                                        + "false)."),
                        worldSummaryOut(), Tool.Hints.CHANGE, this::copy),
                new Tool("set_params", "Change a world's params (e.params in scripts) between ticks.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("params", "object", "Params to change (merged; each must exist).")
                                .optional("replace", "boolean", "Replace the whole params object."),
                        Schema.of().optional("params", "object", "The params now.").open(), Tool.Hints.REPLACE,
                        this::setParams),
                new Tool("list_worlds", "The worlds on this server with their time and size, and any run's progress; "
                        + "never waits.",
                        Schema.of(), Schema.of().optional("worlds", "array", "One entry per world.",
                                Schema.itemsOf(Schema.of().optional("world_name", "string", "World name.").open()))
                                .optional("stuck_calls", "array", "Calls given up on, still in a builtin.")
                                .open(),
                        Tool.Hints.READ, this::list),
                new Tool("get_world_state", "A world's overview: time, entities per script, scripts, pending messages, "
                        + "metrics, params, seed (while it runs: its progress).",
                        Schema.of().required("world_name", "string", WORLD), worldSummaryOut(), Tool.Hints.READ,
                        this::overview),
                new Tool("list_entities", "A world's entities (ids, scripts, optionally states), a page at a time "
                        + "(offset: <next_offset>).",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("include_states", "boolean", "Include each entity's state (default "
                                        + "false).")
                                .optional("fields", "array", "With include_states: only these fields "
                                        + "(dotted paths: wallet.cash).",
                                        Schema.STRINGS)
                                .optional("script", "string", "Only entities of this script.")
                                .optional("offset", "integer", "Skip this many (default 0).")
                                .optional("limit", "integer", "At most this many (default 1000; 100 with "
                                        + "states)."),
                        Schema.of().optional("entities", "array", "{id, script, state?}", Schema.itemsOf(Schema.of()
                                        .optional("id", "string", "Entity id.")
                                        .optional("script", "string", "Its script.")
                                        .optional("state", "object", "Its state (include_states).").open()))
                                .optional("next_offset", "integer", "Offset of the next page; absent at the end.")
                                .open(), Tool.Hints.READ, this::listEntities),
                new Tool("get_entity_state", "One entity's state, or some of its fields.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("entity_id", "string", "Entity id.")
                                .optional("fields", "array", "Only these fields (dotted paths reach inside, e.g. "
                                        + "memory.last_price).", Schema.STRINGS),
                        Schema.of().optional("state", "object", "The entity's state.").open(), Tool.Hints.READ,
                        this::getState),
                new Tool("set_entity_state", "Change the state of one entity (entity_id) or of every entity of a script "
                        + "between ticks; merge: true keeps the fields not given. All or nothing.",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("entity_id", "string", "The entity to change.")
                                .optional("script", "string", "Or every entity of this script.")
                                .required("state", "object", "The new state, or with merge the fields to set.")
                                .optional("merge", "boolean", "Keep the fields not given."),
                        Schema.of().optional("changed", "integer", "Entities changed.").open(), Tool.Hints.REPLACE,
                        this::setState),
                new Tool("spawn_entity", "Add an entity between ticks; its init runs now, its update next tick.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("script", "string", "Script id from the world's library.")
                                .optional("state", "object", "Initial state (default {}).")
                                .optional("entity_id", "string", "Id to use (default <script>-<k>).")
                                .optional("at", "any", "In a space: [x, y] ([x, y, z]), random (default), "
                                        + "free or none.",
                                        Map.of("type", List.of("array", "string")))
                                .optional("links", "array", "Ids to link it to, or [id, weight] pairs."),
                        Schema.of().optional("entity_id", "string", "The new entity's id.").open(), Tool.Hints.ADD,
                        this::spawn),
                new Tool("remove_entity", "Remove an entity between ticks; messages still addressed to it are "
                        + "dropped.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("entity_id", "string", "Entity id."),
                        Schema.of().optional("removed", "string", "The removed id.").open(), Tool.Hints.REPLACE,
                        this::remove),
                new Tool("update_script", "Replace a script's source in a live world (checked first; entities keep "
                        + "their state), or add a script.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("script", "string", "Script id.")
                                .required("source", "string", "The new source text.")
                                .optional("language", "string", "lua, js or python; required for a new script, "
                                        + "default: unchanged."),
                        Schema.of().optional("script", "string", "Script id.").open(), Tool.Hints.REPLACE,
                        this::updateScript),
                new Tool("get_script", "A script's source and language.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("script", "string", "Script id."),
                        Schema.of().optional("source", "string", "Source text.").open(), Tool.Hints.READ,
                        this::getScript));
    }

    static Schema worldSummaryOut() {
        return Schema.of().optional("world_name", "string", "World name").optional("time", "number", "Current time")
                .optional("entities", "integer", "Live entities").open();
    }

    private static List<String> exampleNames() {
        try {
            return List.copyOf(Docs.examples().keySet());
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** The definition create_world was given, or an example's with the given fields laid over it. */
    private static ObjectNode definition(Args args) throws java.io.IOException {
        ObjectNode given = args.raw().deepCopy();
        given.remove("replace_if_exists");
        String example = args.optString("example");
        if (example == null) {
            return given;
        }
        given.remove("example");
        String text = Docs.examples().get(example);
        if (text == null) {
            throw new ToolError("create_world: no example '" + example + "' (examples: "
                    + String.join(", ", Docs.examples().keySet()) + ")");
        }
        ObjectNode base = (ObjectNode) WorldFiles.parse(text, false, "example " + example);
        if (given.get("params") instanceof ObjectNode p && base.get("params") instanceof ObjectNode bp) {
            given.set("params", merged(bp, p, "params", "example '" + example + "'",
                    ", or give the whole world instead of example"));
        }
        base.setAll(given);
        if (WorldFiles.name(base) == null) {
            base.put("name", example);
        }
        return base;
    }

    /**
     * {@code changes} laid over {@code base}, key by key. A key {@code base} lacks is refused: a misspelt param
     * would otherwise be added silently and change nothing.
     */
    static ObjectNode merged(ObjectNode base, ObjectNode changes, String field, String where, String orElse) {
        try {
            return ParamChanges.applied(base, changes);
        } catch (ParamChanges.Unknown e) {
            throw new ToolError(field + "." + e.name() + ": " + where + " has no param '" + e.name() + "' (params: "
                    + e.knownText() + "); check the spelling" + orElse);
        }
    }

    private Tool.Result create(Tool.Call c) throws Exception {
        ObjectNode definition = definition(c.args());
        boolean replace = c.args().bool("replace_if_exists", false);
        String name = WorldFiles.name(definition);
        if (name == null || name.isBlank()) {
            throw new ToolError("create_world: missing argument 'name' (string): the world's name");
        }
        return state.worlds.locked(name, () -> {
            if (!replace && state.worlds.contains(name)) {
                throw new ToolError("a world named '" + name + "' exists; pass replace_if_exists: true, choose "
                        + "another name, or delete_world first");
            }
            // files a definition names (a script's file, network.edges_file) are read from the workspace, confined
            Path root = state.workspace.root();
            World w = World.create(definition, root, null, root);
            state.worlds.put(w, true);
            if (replace) {
                state.snapshots.drop(name);
            }
            return new Tool.Result(Views.overview(w, state), "created world '" + name + "': "
                    + Views.count(w.entityCount(), "entity", "entities") + (w.hasNetwork() ? ", " + Views.count(
                    w.linkCount(), "link", "links") : "") + ", scripts " + w.scriptLanguages());
        });
    }

    private Tool.Result delete(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        return state.worlds.locked(name, () -> {
            state.worlds.world(name);
            state.worlds.remove(name);
            state.snapshots.drop(name);
            return new Tool.Result(Json.object().put("deleted", name), "deleted world '" + name + "'");
        });
    }

    private Tool.Result copy(Tool.Call c) throws Exception {
        String from = c.args().string("source_world_name");
        String to = c.args().string("target_world_name");
        boolean replace = c.args().bool("replace_if_exists", false);
        Long seed = c.args().has("seed") ? c.args().integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, null) : null;
        ObjectNode params = c.args().optObject("params");
        return state.worlds.locked(from, to, () -> {
            World source = state.worlds.world(from);
            if (from.equals(to)) {
                throw new ToolError("copy_world: source and target are both '" + from + "'; choose another name");
            }
            if (!replace && state.worlds.contains(to)) {
                throw new ToolError("a world named '" + to + "' exists; pass replace_if_exists: true or choose "
                        + "another name");
            }
            ObjectNode newParams = params == null ? null
                    : merged(source.snapshotParams(), params, "params", "world '" + from + "'",
                    ", or add the param to the source with set_params first");
            boolean fromStart = source.pristine();
            World copy = source.copy(to, seed, newParams);
            state.worlds.put(copy, true);
            String how = seed == null && params == null ? ""
                    : fromStart ? "; rebuilt from its definition, every init ran again with "
                            + (seed == null ? "" : "seed " + seed + (params == null ? "" : " and ")) + (params == null
                            ? "" : "params " + Json.compact(params))
                    : "; continues from time " + Views.num(copy.time()) + (seed == null ? "" : ", drawing from seed "
                            + seed + " from now on (earlier draws, init's too, stay)") + (params == null ? ""
                            : ", with params " + Json.compact(params));
            return new Tool.Result(Views.overview(copy, state), "copied '" + from + "' to '" + to + "' at time "
                    + Views.num(copy.time()) + how);
        });
    }

    private Tool.Result setParams(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        ObjectNode params = c.args().object("params");
        boolean replace = c.args().bool("replace", false);
        return state.worlds.withWorld(name, w -> {
            ObjectNode now = replace ? params : merged(w.snapshotParams(), params, "params", "world '" + name + "'",
                    ", or pass replace: true to set the whole params object");
            w.setParams(now);
            ObjectNode out = Json.object().put("world_name", name);
            out.set("params", w.snapshotParams());
            return new Tool.Result(out, "params of '" + name + "' are now " + Json.compact(now)
                    + "; scripts see them from the next tick");
        });
    }

    private Tool.Result list(Tool.Call c) {
        ArrayNode worlds = Json.F.arrayNode();
        List<String> running = new java.util.ArrayList<>();
        for (String name : state.worlds.names()) {
            World w = state.worlds.find(name);
            if (w == null) {
                continue; // deleted meanwhile
            }
            World.Status s = w.status(); // never waits for a run holding the world
            ObjectNode o = worlds.addObject().put("world_name", name).put("time", s.time()).put("tick", s.tick())
                    .put("entities", s.entities());
            Runs.Run run = state.runs.of(name);
            if (run != null) {
                o.putObject("running").put("to_tick", run.toTick).put("seconds", Double.parseDouble(
                        Runs.seconds(state.nanoTime.getAsLong() - run.startedNanos)));
                running.add(name + " (tick " + s.tick() + " of " + run.toTick + ")");
            }
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        worlds.forEach(o -> listed.add(o.path("world_name").asString()));
        for (String name : state.worlds.stillLoading()) {
            if (listed.add(name)) { // a rebuilt world is in the registry before its loading entry goes: list it once
                worlds.addObject().put("world_name", name).put("loading", true);
                running.add(name + " (loading from the workspace)");
            }
        }
        ObjectNode out = Json.object();
        out.set("worlds", worlds);
        String stuck = stuckCalls(out, null);
        return new Tool.Result(out, (worlds.isEmpty() ? "no worlds yet; create one with create_world"
                : worlds.size() + " world(s): " + worlds.valueStream().map(w -> w.path("world_name").asString())
                        .collect(java.util.stream.Collectors.joining(", "))
                + (running.isEmpty() ? "" : "; busy now: " + String.join(", ", running))) + stuck);
    }

    /**
     * Adds {@code stuck_calls} to {@code out} (of world {@code world}, or of every world when null): calls given up
     * on that still run inside a builtin, each using a core until it returns. Returns a sentence for the summary,
     * or "" when there are none.
     */
    private String stuckCalls(ObjectNode out, String world) {
        List<String> burning = new java.util.ArrayList<>();
        for (RunWatch.Stuck s : state.watch.stuckCalls()) {
            if (world != null && !world.equals(s.world())) {
                continue;
            }
            String seconds = Runs.seconds(state.nanoTime.getAsLong() - s.since());
            out.withArray("stuck_calls").addObject().put("world_name", s.world()).put("entity", s.entity())
                    .put("script", s.script()).put("language", s.language())
                    .put("seconds", Double.parseDouble(seconds));
            burning.add((world == null ? "world '" + s.world() + "', " : "") + "entity '" + s.entity() + "' ("
                    + s.language() + ") for " + seconds + " s");
        }
        return burning.isEmpty() ? "" : ". Still running inside a builtin that cannot be interrupted, each using a "
                + "core until it returns (its run was given up on and the world rebuilt): " + String.join("; ",
                burning);
    }

    private Tool.Result overview(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        return state.worlds.lockedOr(name, () -> {
            World w = state.worlds.world(name);
            ObjectNode out = Views.overview(w, state);
            String stuck = stuckCalls(out, name);
            return new Tool.Result(out, "world '" + name + "' at time " + Views.num(w.time()) + ": "
                    + Views.count(w.entityCount(), "entity", "entities") + " " + w.countsByScript() + ", "
                    + (w.hasNetwork() ? Views.count(w.linkCount(), "link", "links") + " (get_network), " : "")
                    + w.pendingMessages() + " messages pending" + stuck);
        }, run -> {
            World.Status s = state.worlds.world(name).status();
            ObjectNode out = Json.object().put("world_name", name).put("time", s.time()).put("tick", s.tick())
                    .put("entities", s.entities()).put("running", true).put("to_tick", run.toTick);
            return new Tool.Result(out, state.worlds.busy(run));
        });
    }

    private Tool.Result listEntities(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        boolean states = c.args().bool("include_states", false);
        List<String> fields = c.args().optStrings("fields");
        String script = c.args().optString("script");
        int offset = (int) c.args().integer("offset", 0, Integer.MAX_VALUE, 0L);
        int limit = (int) c.args().integer("limit", 1, 1_000_000, states ? 100L : 1000L);
        if (fields != null && !states) {
            throw new ToolError("list_entities: fields selects state fields; pass include_states: true with it");
        }
        return state.worlds.withWorld(name, w -> {
            if (script != null && !w.scriptLanguages().containsKey(script)) {
                throw new ToolError(w.unknownScript(script));
            }
            List<String> ids = w.entityIds(script);
            ArrayNode list = Json.F.arrayNode();
            int room = (state.responseBytes - 2048) / 2; // the text repeats the JSON
            int end = Math.min(ids.size(), offset + limit);
            int i = Math.min(offset, ids.size());
            for (; i < end; i++) {
                String id = ids.get(i);
                ObjectNode e = Json.object().put("id", id).put("script", w.scriptOf(id).orElse(""));
                if (states) {
                    ObjectNode s = w.entityState(id).orElseThrow();
                    e.set("state", fields == null ? s : Views.fields(s, fields, null));
                }
                room -= Fit.size(e) + 1;
                if (room < 0 && !list.isEmpty()) {
                    break;
                }
                list.add(e);
            }
            ObjectNode out = Json.object().put("world_name", name).put("count", ids.size()).put("offset", offset);
            out.set("entities", list);
            String more = "";
            if (i < ids.size()) {
                out.put("next_offset", i);
                more = "; more with offset: " + i + (i < end ? " (this page filled the response budget"
                        + (states && fields == null ? "; fields: [...] selects state fields" : "") + ")" : "");
            }
            return new Tool.Result(out, Views.count(ids.size(), "entity", "entities") + (script == null ? "" : " of script '" + script
                    + "'") + ", " + list.size() + " shown from offset " + offset + more);
        });
    }

    private Tool.Result getState(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().string("entity_id");
        List<String> fields = c.args().optStrings("fields");
        return state.worlds.withWorld(name, w -> {
            ObjectNode s = w.entityState(id).orElseThrow(() -> new ToolError(w.unknownEntity(id)));
            ObjectNode out = Json.object().put("world_name", name).put("entity_id", id)
                    .put("script", w.scriptOf(id).orElse("")).put("time", w.time());
            out.set("state", fields == null ? s : Views.fields(s, fields, id));
            return new Tool.Result(out, "state of '" + id + "' at time " + Views.num(w.time())
                    + (fields == null ? "" : " (fields " + String.join(", ", fields) + ")"));
        });
    }

    private Tool.Result setState(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().optString("entity_id");
        String script = c.args().optString("script");
        ObjectNode given = c.args().object("state");
        boolean merge = c.args().bool("merge", false);
        if ((id == null) == (script == null)) {
            throw new ToolError("set_entity_state: give entity_id (one entity) or script (every entity of that "
                    + "script), not " + (id == null ? "neither" : "both"));
        }
        return state.worlds.withWorld(name, w -> {
            List<String> ids;
            if (id != null) {
                if (w.entityState(id).isEmpty()) {
                    throw new ToolError(w.unknownEntity(id));
                }
                ids = List.of(id);
            } else {
                if (!w.scriptLanguages().containsKey(script)) {
                    throw new ToolError(w.unknownScript(script));
                }
                ids = w.entityIds(script);
            }
            Map<String, ObjectNode> changes = new java.util.LinkedHashMap<>();
            for (String e : ids) {
                // setEntityStates copies every state it is given, so the given fields may be shared here
                ObjectNode next = merge ? w.entityState(e).orElseThrow() : given;
                if (merge) {
                    next.setAll(given);
                }
                changes.put(e, next);
            }
            w.setEntityStates(changes);
            ObjectNode out = Json.object().put("world_name", name).put("changed", ids.size());
            if (id != null) {
                out.put("entity_id", id);
                out.set("state", w.entityState(id).orElseThrow());
            }
            String what = id != null ? "'" + id + "'" : Views.count(ids.size(), "entity", "entities") + " of script '" + script + "'";
            return new Tool.Result(out, "state of " + what + (merge ? ": fields " + String.join(", ",
                    given.propertyNames()) + " set, the rest kept" : " replaced"));
        });
    }

    private Tool.Result spawn(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String script = c.args().string("script");
        ObjectNode initial = c.args().optObject("state");
        String id = c.args().optString("entity_id");
        return state.worlds.withWorld(name, w -> {
            String newId = w.addEntity(script, initial, id, c.args().raw().get("at"), c.args().raw().get("links"));
            ObjectNode out = Json.object().put("world_name", name).put("entity_id", newId);
            out.set("state", w.entityState(newId).orElseThrow());
            return new Tool.Result(out, "spawned '" + newId + "' (script '" + script + "')");
        });
    }

    private Tool.Result remove(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().string("entity_id");
        return state.worlds.withWorld(name, w -> {
            w.removeEntity(id);
            return new Tool.Result(Json.object().put("world_name", name).put("removed", id), "removed '" + id
                    + "'");
        });
    }

    private Tool.Result updateScript(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String script = c.args().string("script");
        String source = c.args().string("source");
        String language = c.args().optString("language");
        return state.worlds.withWorld(name, w -> {
            boolean existed = w.scriptLanguages().containsKey(script);
            w.putScript(script, language, source);
            int users = w.countsByScript().getOrDefault(script, 0);
            ObjectNode out = Json.object().put("world_name", name).put("script", script)
                    .put("language", w.scriptLanguages().get(script)).put("entities_using", users)
                    .put("added", !existed);
            return new Tool.Result(out, (existed ? "replaced" : "added") + " script '" + script + "' ("
                    + w.scriptLanguages().get(script) + "), used by " + Views.count(users, "entity", "entities"));
        });
    }

    private Tool.Result getScript(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String script = c.args().string("script");
        return state.worlds.withWorld(name, w -> {
            String source = w.scriptSource(script).orElseThrow(() -> new ToolError(w.unknownScript(script)));
            ObjectNode out = Json.object().put("world_name", name).put("script", script)
                    .put("language", w.scriptLanguages().get(script)).put("source", source);
            return new Tool.Result(out, "script '" + script + "' (" + w.scriptLanguages().get(script) + ")");
        });
    }

}
