package org.polysim.mcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.polysim.engine.Message;
import org.polysim.engine.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code trace_entity}: why did X do Y. One entity's last few updates, tick by tick: the messages it received, how
 * its state changed (the whole state once, then only the fields that changed), and what it did, in order.
 */
final class TraceTools {

    private final ServerState state;

    TraceTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(new Tool("trace_entity", "Why did an entity do what it did: its last few updates (limits."
                + "trace_ticks, default 5; recorded while the world has at most limits.trace_entities, default "
                + "10000), each with the messages received, the state fields that changed (before -> after) and "
                + "its actions in order (send, spawn, destroy, move, take, put, metric, log).",
                Schema.of().required("world_name", "string", "Name of the world.")
                        .required("entity_id", "string", "The entity to trace."),
                Schema.of().optional("steps", "array", "One per traced tick, oldest first.").open(),
                Tool.Hints.READ, this::trace));
    }

    private Tool.Result trace(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().string("entity_id");
        return state.locked(name, () -> {
            World w = state.world(name);
            List<World.TraceStep> steps = w.trace(id);
            if (steps.isEmpty()) {
                boolean exists = w.scriptOf(id).isPresent();
                throw new ToolError("trace_entity: no trace of '" + id + "' in world '" + name + "': "
                        + (!exists ? w.unknownEntity(id) : !w.tracedTicks().isEmpty()
                        ? "it was not updated in the traced ticks " + w.tracedTicks() : untraced(w)));
            }
            ObjectNode out = Json.object().put("world_name", name).put("entity_id", id);
            ArrayNode list = out.putArray("steps");
            StringBuilder text = new StringBuilder("trace of '" + id + "' in world '" + name + "', "
                    + steps.size() + " tick" + (steps.size() == 1 ? "" : "s") + ":");
            for (int i = 0; i < steps.size(); i++) {
                World.TraceStep s = steps.get(i);
                ObjectNode o = list.addObject().put("tick", s.tick()).put("time", s.time());
                ArrayNode received = o.putArray("received");
                s.received().forEach(m -> received.add(Views.message(m, w.dt())));
                if (i == 0) {
                    o.set("state_before", s.before());
                }
                ObjectNode changes = o.putObject("changes");
                changed(s.before(), s.after(), "", changes);
                ArrayNode actions = o.putArray("actions");
                s.actions().forEach(actions::add);
                text.append("\n- tick ").append(s.tick()).append(": received ").append(received(s.received()))
                        .append("; state ").append(changes.isEmpty() ? "unchanged" : changes(changes))
                        .append("; did ").append(s.actions().isEmpty() ? "nothing" : actions(s.actions()));
            }
            return new Tool.Result(out, text.toString());
        });
    }

    /** Why a world has no trace: tracing is off, the world is over the size limit, or it has not run yet. */
    private static String untraced(World w) {
        if (w.limits().traceTicks() == 0) {
            return "tracing is off (limits.trace_ticks is 0); set it above 0 to keep the last ticks";
        }
        if (w.entityCount() > w.limits().traceEntities()) {
            return "the world has " + w.entityCount() + " entities, over limits.trace_entities ("
                    + w.limits().traceEntities() + "), so its ticks are not recorded; raise that limit to trace it";
        }
        return "nothing is traced yet: advance the world, then ask again";
    }

    /** Fields that differ between two states, by dotted path, as {path: {before, after}}. */
    private static void changed(JsonNode before, JsonNode after, String path, ObjectNode out) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>(before.propertyNames());
            keys.addAll(after.propertyNames());
            for (String k : keys) {
                changed(before.get(k), after.get(k), path.isEmpty() ? k : path + "." + k, out);
            }
        } else if (before == null ? after != null : !before.equals(after)) {
            ObjectNode o = out.putObject(path.isEmpty() ? "(state)" : path);
            o.set("before", before);
            o.set("after", after);
        }
    }

    private static String received(List<Message> messages) {
        if (messages.isEmpty()) {
            return "nothing";
        }
        List<String> parts = new ArrayList<>();
        for (Message m : messages.subList(0, Math.min(5, messages.size()))) {
            parts.add("'" + m.kind() + "' from " + m.from());
        }
        return messages.size() + " (" + String.join(", ", parts) + (messages.size() > 5 ? ", ..." : "") + ")";
    }

    private static String changes(ObjectNode changes) {
        List<String> parts = new ArrayList<>();
        changes.properties().forEach(p -> parts.add(p.getKey() + " " + brief(p.getValue().get("before")) + " -> "
                + brief(p.getValue().get("after"))));
        return String.join(", ", parts.subList(0, Math.min(8, parts.size()))) + (parts.size() > 8 ? ", ..." : "");
    }

    private static String actions(List<ObjectNode> actions) {
        List<String> parts = new ArrayList<>();
        for (ObjectNode a : actions.subList(0, Math.min(8, actions.size()))) {
            String what = a.get("do").stringValue();
            parts.add(switch (what) {
                case "send" -> "send '" + a.get("kind").stringValue() + "' to " + a.get("to").stringValue();
                case "spawn" -> "spawn " + a.get("id").stringValue();
                case "metric" -> "metric " + a.get("name").stringValue() + " " + Views.num(a.get("value")
                        .doubleValue());
                case "log" -> "log \"" + brief(a.get("text")) + "\"";
                default -> a.has("detail") ? what + " " + a.get("detail").stringValue()
                        : what + " " + a.path("id").asString("");
            });
        }
        return String.join("; ", parts) + (actions.size() > 8 ? "; ... (" + actions.size() + " in all)" : "");
    }

    private static String brief(JsonNode v) {
        String s = v == null ? "(none)" : v.isString() ? v.stringValue() : v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
