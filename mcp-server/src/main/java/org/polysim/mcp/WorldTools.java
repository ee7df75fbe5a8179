package org.polysim.mcp;

import java.util.List;
import org.polysim.engine.World;
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
                        Create a world from a definition: the arguments ARE the world file (see resource \
                        polysim://docs/guide). Required: name, scripts ({id: {language, source}}); usually entities \
                        ([{script, count, state}] or [{id, script, state}]), params, seed. The seed project's \
                        schema (script_library {id: {id, kind, script}}, entities with script_id/initial_state) and \
                        its snapshots ({configuration, simulation_time, metrics, pending_messages}) are accepted \
                        too. Scripts are compiled and each entity's init runs now.""",
                        Schema.of().optional("name", "string", "World name, unique on this server (required; the "
                                        + "seed schema's world_name is accepted instead).")
                                .optional("seed", "integer", "Seed of every random draw (default 0).")
                                .optional("params", "object", "Model parameters, read-only for scripts as e.params.")
                                .optional("scripts", "object", "Script library: {id: {language: lua|js|python, "
                                        + "source: \"...\"}}.")
                                .optional("entities", "array", "Entities: {script, count, state} groups (ids "
                                        + "<script>-<k>) or {id, script, state}.")
                                .optional("schedule", "string", "sequential (default) or random update order.")
                                .optional("dt", "number", "Time per tick (default 1).")
                                .optional("limits", "object", "Script limits: instructions, wall_ms, call_depth, "
                                        + "string_bytes, log_lines, max_entities, message_history.")
                                .optional("replace_if_exists", "boolean", "Replace a world of the same name "
                                        + "(default false).")
                                .open(),
                        worldSummaryOut(), false, this::create),
                new Tool("delete_world", "Delete a world and its snapshots.",
                        Schema.of().required("world_name", "string", WORLD),
                        Schema.of().optional("deleted", "string", "The deleted world's name.").open(), false,
                        this::delete),
                new Tool("copy_world", "Copy a world under a new name; the copy evolves exactly like the original "
                        + "would (script globals start fresh).",
                        Schema.of().required("source_world_name", "string", "World to copy.")
                                .required("target_world_name", "string", "Name of the copy.")
                                .optional("replace_if_exists", "boolean", "Replace an existing target (default "
                                        + "false)."),
                        worldSummaryOut(), false, this::copy),
                new Tool("list_worlds", "List the worlds on this server with their time and size.",
                        Schema.of(), Schema.of().optional("worlds", "array", "One entry per world.").open(), true,
                        this::list),
                new Tool("get_world_state", "A world's overview: time, entities per script, scripts and their "
                        + "languages, pending messages, metric names, params, seed.",
                        Schema.of().required("world_name", "string", WORLD), worldSummaryOut(), true, this::overview),
                new Tool("list_entities", "List a world's entities (ids and scripts, optionally states).",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("include_states", "boolean", "Include each entity's state (default "
                                        + "false).")
                                .optional("script", "string", "Only entities of this script.")
                                .optional("limit", "integer", "At most this many (default 1000)."),
                        Schema.of().optional("entities", "array", "{id, script, state?}").open(), true,
                        this::listEntities),
                new Tool("get_entity_state", "One entity's state.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("entity_id", "string", "Entity id."),
                        Schema.of().optional("state", "object", "The entity's state.").open(), true, this::getState),
                new Tool("set_entity_state", "Replace one entity's state between ticks.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("entity_id", "string", "Entity id.")
                                .required("state", "object", "The new state, a JSON object."),
                        Schema.of().optional("state", "object", "The state now.").open(), false, this::setState),
                new Tool("spawn_entity", "Add an entity between ticks; its init runs now, its update from the "
                        + "next tick.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("script", "string", "Script id from the world's library.")
                                .optional("state", "object", "Initial state (default {}).")
                                .optional("entity_id", "string", "Id to use (default <script>-<k>)."),
                        Schema.of().optional("entity_id", "string", "The new entity's id.").open(), false,
                        this::spawn),
                new Tool("remove_entity", "Remove an entity between ticks; messages still addressed to it are "
                        + "dropped.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("entity_id", "string", "Entity id."),
                        Schema.of().optional("removed", "string", "The removed id.").open(), false, this::remove),
                new Tool("update_script", "Replace a script's source in a live world (compiled and checked "
                        + "first; entities keep their state), or add a new script to the library.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("script", "string", "Script id.")
                                .required("source", "string", "The new source text.")
                                .optional("language", "string", "lua, js or python; required for a new script, "
                                        + "default: unchanged."),
                        Schema.of().optional("script", "string", "Script id.").open(), false, this::updateScript),
                new Tool("get_script", "A script's source and language.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("script", "string", "Script id."),
                        Schema.of().optional("source", "string", "Source text.").open(), true, this::getScript));
    }

    static Schema worldSummaryOut() {
        return Schema.of().optional("world_name", "string", "World name").optional("time", "number", "Current time")
                .optional("entities", "integer", "Live entities").open();
    }

    private Tool.Result create(Tool.Call c) throws Exception {
        ObjectNode definition = c.args().raw().deepCopy();
        boolean replace = c.args().bool("replace_if_exists", false);
        definition.remove("replace_if_exists");
        ObjectNode own = WorldFiles.definition(definition);
        String name = own.path("name").isString() ? own.path("name").stringValue()
                : own.path("world_name").isString() ? own.path("world_name").stringValue() : null;
        if (name == null || name.isBlank()) {
            throw new ToolError("create_world: missing argument 'name' (string): the world's name");
        }
        return state.locked(name, () -> {
            if (!replace && state.worlds.contains(name)) {
                throw new ToolError("a world named '" + name + "' exists; pass replace_if_exists: true, choose "
                        + "another name, or delete_world first");
            }
            World w = World.create(definition, null, null);
            state.worlds.put(w, true);
            if (replace) {
                state.snapshots.drop(name);
            }
            return new Tool.Result(Views.overview(w, state), "created world '" + name + "': "
                    + w.entityCount() + " entities, scripts " + w.scriptLanguages());
        });
    }

    private Tool.Result delete(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        return state.locked(name, () -> {
            state.world(name);
            state.worlds.remove(name);
            state.snapshots.drop(name);
            return new Tool.Result(Json.object().put("deleted", name), "deleted world '" + name + "'");
        });
    }

    private Tool.Result copy(Tool.Call c) throws Exception {
        String from = c.args().string("source_world_name");
        String to = c.args().string("target_world_name");
        boolean replace = c.args().bool("replace_if_exists", false);
        return state.locked(from, to, () -> {
            World source = state.world(from);
            if (from.equals(to)) {
                throw new ToolError("copy_world: source and target are both '" + from + "'; choose another name");
            }
            if (!replace && state.worlds.contains(to)) {
                throw new ToolError("a world named '" + to + "' exists; pass replace_if_exists: true or choose "
                        + "another name");
            }
            World copy = source.copy(to);
            state.worlds.put(copy, true);
            return new Tool.Result(Views.overview(copy, state), "copied '" + from + "' to '" + to + "' at time "
                    + Views.num(copy.time()));
        });
    }

    private Tool.Result list(Tool.Call c) {
        ArrayNode worlds = Json.F.arrayNode();
        for (String name : state.worlds.names()) {
            World w;
            try {
                w = state.worlds.get(name);
            } catch (IllegalArgumentException gone) {
                continue; // deleted meanwhile
            }
            worlds.addObject().put("world_name", name).put("time", w.time()).put("entities", w.entityCount());
        }
        ObjectNode out = Json.object();
        out.set("worlds", worlds);
        return new Tool.Result(out, worlds.isEmpty() ? "no worlds yet; create one with create_world"
                : worlds.size() + " world(s): " + String.join(", ", state.worlds.names()));
    }

    private Tool.Result overview(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        return state.locked(name, () -> {
            World w = state.world(name);
            return new Tool.Result(Views.overview(w, state), "world '" + name + "' at time " + Views.num(w.time())
                    + ": " + w.entityCount() + " entities " + w.countsByScript() + ", " + w.pendingMessages()
                    + " messages pending");
        });
    }

    private Tool.Result listEntities(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        boolean states = c.args().bool("include_states", false);
        String script = c.args().optString("script");
        int limit = (int) c.args().integer("limit", 1, 1_000_000, 1000L);
        return state.locked(name, () -> {
            World w = state.world(name);
            if (script != null && !w.scriptLanguages().containsKey(script)) {
                throw new ToolError(w.unknownScript(script));
            }
            List<String> ids = w.entityIds(script);
            ArrayNode list = Json.F.arrayNode();
            for (String id : ids.subList(0, Math.min(limit, ids.size()))) {
                ObjectNode e = list.addObject().put("id", id).put("script", w.scriptOf(id).orElse(""));
                if (states) {
                    e.set("state", w.entityState(id).orElseThrow());
                }
            }
            ObjectNode out = Json.object().put("world_name", name).put("count", ids.size())
                    .put("truncated", ids.size() > limit);
            out.set("entities", list);
            return new Tool.Result(out, ids.size() + " entities" + (script == null ? "" : " of script '" + script
                    + "'") + (ids.size() > limit ? " (first " + limit + " shown)" : ""));
        });
    }

    private Tool.Result getState(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().string("entity_id");
        return state.locked(name, () -> {
            World w = state.world(name);
            ObjectNode s = w.entityState(id).orElseThrow(() -> new ToolError(w.unknownEntity(id)));
            ObjectNode out = Json.object().put("world_name", name).put("entity_id", id)
                    .put("script", w.scriptOf(id).orElse("")).put("time", w.time());
            out.set("state", s);
            return new Tool.Result(out, "state of '" + id + "' at time " + Views.num(w.time()));
        });
    }

    private Tool.Result setState(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().string("entity_id");
        ObjectNode newState = c.args().object("state");
        return state.locked(name, () -> {
            World w = state.world(name);
            if (w.entityState(id).isEmpty()) {
                throw new ToolError(w.unknownEntity(id));
            }
            w.setEntityState(id, newState);
            ObjectNode out = Json.object().put("world_name", name).put("entity_id", id);
            out.set("state", w.entityState(id).orElseThrow());
            return new Tool.Result(out, "state of '" + id + "' replaced");
        });
    }

    private Tool.Result spawn(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String script = c.args().string("script");
        ObjectNode initial = c.args().optObject("state");
        String id = c.args().optString("entity_id");
        return state.locked(name, () -> {
            World w = state.world(name);
            String newId = w.addEntity(script, initial, id);
            ObjectNode out = Json.object().put("world_name", name).put("entity_id", newId);
            out.set("state", w.entityState(newId).orElseThrow());
            return new Tool.Result(out, "spawned '" + newId + "' (script '" + script + "')");
        });
    }

    private Tool.Result remove(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().string("entity_id");
        return state.locked(name, () -> {
            state.world(name).removeEntity(id);
            return new Tool.Result(Json.object().put("world_name", name).put("removed", id), "removed '" + id
                    + "'");
        });
    }

    private Tool.Result updateScript(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String script = c.args().string("script");
        String source = c.args().string("source");
        String language = c.args().optString("language");
        return state.locked(name, () -> {
            World w = state.world(name);
            boolean existed = w.scriptLanguages().containsKey(script);
            w.putScript(script, language, source);
            int users = w.countsByScript().getOrDefault(script, 0);
            ObjectNode out = Json.object().put("world_name", name).put("script", script)
                    .put("language", w.scriptLanguages().get(script)).put("entities_using", users)
                    .put("added", !existed);
            return new Tool.Result(out, (existed ? "replaced" : "added") + " script '" + script + "' ("
                    + w.scriptLanguages().get(script) + "), used by " + users + " entities");
        });
    }

    private Tool.Result getScript(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String script = c.args().string("script");
        return state.locked(name, () -> {
            World w = state.world(name);
            String source = w.scriptSource(script).orElseThrow(() -> new ToolError(w.unknownScript(script)));
            ObjectNode out = Json.object().put("world_name", name).put("script", script)
                    .put("language", w.scriptLanguages().get(script)).put("source", source);
            return new Tool.Result(out, "script '" + script + "' (" + w.scriptLanguages().get(script) + ")");
        });
    }

}
