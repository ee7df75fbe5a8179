package org.polysim.mcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /** What a trace step can show; {@code kinds} picks among them. */
    enum Kind {
        MESSAGES, STATE, ACTIONS;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final int DEFAULT_MAX_MESSAGES = 10;
    static final int DEFAULT_MAX_ACTIONS = 20;

    List<Tool> tools() {
        List<String> kindNames = java.util.Arrays.stream(Kind.values()).map(Kind::wireName).toList();
        Schema message = Schema.of().optional("from", "string", "Sender.").optional("to", "string", "Recipient.")
                .optional("kind", "string", "Message kind.").optional("content", "any", "Any JSON.")
                .optional("sent_at", "number", "Time sent.").optional("delivered_at", "number", "Time delivered.")
                .open();
        Schema action = Schema.of().optional("do", "string", "send, spawn, destroy, move, take, put, metric or log.")
                .open();
        Schema step = Schema.of().optional("tick", "integer", "The tick.").optional("time", "number", "Its time.")
                .optional("received", "array", "Messages received, in delivery order (the first max_messages).",
                        Schema.itemsOf(message))
                .optional("received_total", "integer", "How many messages it received that tick.")
                .optional("state_before", "object", "The whole state before the first step shown.")
                .optional("changes", "object", "{field (dotted path): {before, after}}")
                .optional("actions", "array", "What it did, in order (the first max_actions).",
                        Schema.itemsOf(action))
                .optional("actions_total", "integer", "How many actions it took that tick.")
                .open();
        return List.of(new Tool("trace_entity", "Why an entity did what it did: its last updates "
                + "(limits.trace_ticks, default 5): messages received, state changes (before -> after), actions.",
                Schema.of().required("world_name", "string", "Name of the world.")
                        .required("entity_id", "string", "The entity to trace.")
                        .optional("ticks", "integer", "Only the newest this many ticks.")
                        .optional("kinds", "array", "Only these parts (default all).", Map.of("items", Map.of("type", "string", "enum", kindNames)))
                        .optional("max_messages", "integer", "Messages listed per tick (default "
                                + DEFAULT_MAX_MESSAGES + ").")
                        .optional("max_actions", "integer", "Actions listed per tick (default "
                                + DEFAULT_MAX_ACTIONS + ")."),
                Schema.of().optional("world_name", "string", "The world.")
                        .optional("entity_id", "string", "The entity.")
                        .optional("steps", "array", "One per traced tick shown, oldest first.", Schema.itemsOf(step))
                        .optional("steps_total", "integer", "How many ticks of it are recorded.").open(),
                Tool.Hints.READ, this::trace));
    }

    private Tool.Result trace(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String id = c.args().string("entity_id");
        int ticks = (int) c.args().integer("ticks", 1, Integer.MAX_VALUE, (long) Integer.MAX_VALUE);
        Set<Kind> kinds = kinds(c.args().optStrings("kinds"));
        int maxMessages = (int) c.args().integer("max_messages", 0, 100_000, (long) DEFAULT_MAX_MESSAGES);
        int maxActions = (int) c.args().integer("max_actions", 0, 100_000, (long) DEFAULT_MAX_ACTIONS);
        return state.worlds.withWorld(name, w -> {
            List<World.TraceStep> recorded = w.trace(id);
            if (recorded.isEmpty()) {
                boolean exists = w.scriptOf(id).isPresent();
                throw new ToolError("trace_entity: no trace of '" + id + "' in world '" + name + "': "
                        + (!exists ? w.unknownEntity(id) : !w.tracedTicks().isEmpty()
                        ? "it was not updated in the traced ticks " + w.tracedTicks() : untraced(w)));
            }
            List<World.TraceStep> steps = recorded.subList(Math.max(0, recorded.size() - ticks), recorded.size());
            ObjectNode out = Json.object().put("world_name", name).put("entity_id", id);
            ArrayNode list = out.putArray("steps");
            out.put("steps_total", recorded.size());
            StringBuilder text = new StringBuilder("trace of '" + id + "' in world '" + name + "', "
                    + steps.size() + " tick" + (steps.size() == 1 ? "" : "s")
                    + (steps.size() < recorded.size() ? " of " + recorded.size() + " recorded" : "") + ":");
            for (int i = 0; i < steps.size(); i++) {
                World.TraceStep s = steps.get(i);
                ObjectNode o = list.addObject().put("tick", s.tick()).put("time", s.time());
                text.append("\n- tick ").append(s.tick()).append(":");
                List<String> parts = new ArrayList<>();
                if (kinds.contains(Kind.MESSAGES)) {
                    ArrayNode received = o.putArray("received");
                    s.received().stream().limit(maxMessages).forEach(m -> received.add(Views.message(m, w.dt())));
                    o.put("received_total", s.received().size());
                    parts.add("received " + received(s.received()));
                }
                if (kinds.contains(Kind.STATE)) {
                    if (i == 0) {
                        o.set("state_before", s.before());
                    }
                    ObjectNode changes = o.putObject("changes");
                    changed(s.before(), s.after(), "", changes);
                    parts.add("state " + (changes.isEmpty() ? "unchanged" : changes(changes)));
                }
                if (kinds.contains(Kind.ACTIONS)) {
                    ArrayNode actions = o.putArray("actions");
                    s.actions().stream().limit(maxActions).forEach(actions::add);
                    o.put("actions_total", s.actions().size());
                    parts.add("did " + (s.actions().isEmpty() ? "nothing" : actions(s.actions())));
                }
                text.append(' ').append(String.join("; ", parts));
            }
            return new Tool.Result(out, text.toString());
        });
    }

    /** The parts asked for: all when {@code names} is absent; an unknown or empty list says what to give. */
    private static Set<Kind> kinds(List<String> names) {
        String known = java.util.Arrays.stream(Kind.values()).map(Kind::wireName)
                .collect(java.util.stream.Collectors.joining(", "));
        if (names == null) {
            return java.util.EnumSet.allOf(Kind.class);
        }
        if (names.isEmpty()) {
            throw new ToolError("trace_entity: kinds is empty; give any of " + known + ", or leave it out for all");
        }
        Set<Kind> kinds = java.util.EnumSet.noneOf(Kind.class);
        for (String n : names) {
            kinds.add(java.util.Arrays.stream(Kind.values()).filter(k -> k.wireName().equals(n)).findFirst()
                    .orElseThrow(() -> new ToolError("trace_entity: unknown kind '" + n + "' in kinds; kinds are "
                            + known)));
        }
        return kinds;
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
