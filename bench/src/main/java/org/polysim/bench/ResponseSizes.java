package org.polysim.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sizes part: what a session's answers weigh on the wire, in bytes, since every byte of them is context an LLM
 * pays for. The packaged server over stdio with {@link McpRoundTrip}'s minimal client: the {@code initialize}
 * answer, {@code tools/list} (which a desktop client sends before every conversation) and the ten calls an LLM makes
 * most in a session, on a fixed world with a fixed seed, so the sizes are the same run after run.
 */
final class ResponseSizes {

    /** issue 23's bound on {@code tools/list}: under 25 KB. */
    static final int TOOLS_LIST_TARGET_BYTES = 25 * 1024;
    /** How many of the largest tool definitions the report names. */
    static final int LARGEST_TOOLS = 5;
    static final String WORLD = "sizes";
    static final int ENTITIES = 100;
    static final int TICKS = 10;
    /**
     * Where the session goes on to: a metric's default window holds 200 points, so the metric calls are weighed
     * again with full series (issue 23 measured {@code get_metrics} of all metrics at 40 KB on a long run).
     */
    static final int LONG_RUN_TICKS = 200;

    /**
     * The wealth workload's Lua script with a few metrics and a log line, as a model an LLM writes records them
     * (the workload itself records none, so {@code get_metrics} and {@code plot_metrics} would show only the
     * engine's {@code entities.agent}).
     */
    private static final String METRICS = """

            local exchange = update
            function update(e, inbox)
              exchange(e, inbox)
              local s = e.state
              e.metric("wealth", s.wealth)
              e.metric("broke", s.wealth == 0 and 1 or 0)
              e.metric("rich", s.wealth >= 3 and 1 or 0)
              if e.id == "agent-1" then e.log("agent-1 holds", s.wealth) end
            end
            """;

    private ResponseSizes() {
    }

    /** One call of a session: the tool, its arguments, and how the report names them. */
    record Call(String tool, ObjectNode arguments, String described) {
    }

    /** The 100-entity Lua wealth world of the other MCP parts, with {@link #METRICS}. */
    static ObjectNode world(Path scripts) {
        ObjectNode world = Workload.WEALTH.world("lua", ENTITIES, scripts).put("name", WORLD);
        ObjectNode agent = (ObjectNode) world.path("scripts").path("agent");
        agent.put("source", agent.path("source").asString() + METRICS);
        return world;
    }

    /**
     * The commonest calls of a session on {@link #world}, each with its default window and page, then the metric
     * calls again after {@link #LONG_RUN_TICKS}.
     */
    static List<Call> session(ObjectNode world) {
        return List.of(new Call("create_world", world, ENTITIES + " entities, 1 Lua script"),
                new Call("advance_simulation", args().put("num_steps", TICKS), TICKS + " ticks"),
                new Call("get_world_state", args(), ""),
                new Call("list_metrics", args(), ""),
                new Call("get_metric", args().put("metric_name", "wealth"), "one metric"),
                new Call("get_metrics", args(), "all metrics"),
                new Call("list_entities", args(), "defaults"),
                new Call("get_entity_state", args().put("entity_id", "agent-1"), "one entity"),
                new Call("get_log", args(), "defaults"),
                new Call("plot_metrics", args(), "defaults"),
                new Call("advance_simulation", args().put("num_steps", LONG_RUN_TICKS - TICKS),
                        LONG_RUN_TICKS - TICKS + " ticks, to tick " + LONG_RUN_TICKS),
                new Call("get_metric", args().put("metric_name", "wealth"), "one metric, " + LONG_RUN_TICKS
                        + " ticks"),
                new Call("get_metrics", args(), "all metrics, " + LONG_RUN_TICKS + " ticks"));
    }

    private static ObjectNode args() {
        return Workload.JSON.createObjectNode().put("world_name", WORLD);
    }

    /**
     * Runs {@link #session} on a fresh server: {@code initialize}'s and {@code tools/list}'s line bytes, the largest
     * tool definitions, and each call's {@link #weigh weights}.
     */
    static ObjectNode measure(List<String> serverCommand, Path scripts) throws Exception {
        ObjectNode world = world(scripts);
        ObjectNode result = Workload.JSON.createObjectNode().put("world", "wealth in Lua, " + ENTITIES
                + " entities, seed " + world.path("seed").asInt() + ", metrics wealth, broke, rich");
        try (McpRoundTrip client = McpRoundTrip.start(serverCommand)) {
            String initialize = client.initializeLine();
            result.putObject("initialize").put("line_bytes", bytes(initialize)).put("instructions_bytes",
                    bytes(Workload.JSON.readTree(initialize).path("result").path("instructions").asString("")));
            String toolsList = client.exchange("tools/list", Workload.JSON.createObjectNode());
            JsonNode tools = Workload.JSON.readTree(toolsList).path("result").path("tools");
            ObjectNode listed = result.putObject("tools_list").put("line_bytes", bytes(toolsList))
                    .put("tools", tools.size()).put("target_bytes", TOOLS_LIST_TARGET_BYTES);
            List<JsonNode> byWeight = new ArrayList<>();
            tools.forEach(byWeight::add);
            byWeight.sort(Comparator.comparingLong((JsonNode t) -> bytes(t.toString())).reversed());
            ArrayNode largest = listed.putArray("largest");
            byWeight.stream().limit(LARGEST_TOOLS).forEach(t -> largest.addObject()
                    .put("name", t.path("name").asString()).put("bytes", bytes(t.toString())));
            ArrayNode calls = result.putArray("calls");
            for (Call call : session(world)) {
                ObjectNode params = Workload.JSON.createObjectNode().put("name", call.tool());
                params.set("arguments", call.arguments());
                String line = client.exchange("tools/call", params);
                JsonNode response = Workload.JSON.readTree(line);
                if (response.has("error") || response.path("result").path("isError").asBoolean(false)) {
                    throw new IllegalStateException(call.tool() + " failed: " + line);
                }
                calls.add(weigh(line).put("tool", call.tool()).put("arguments", call.described()));
            }
        }
        return result;
    }

    /**
     * A tool call's response line in bytes (UTF-8, newline excluded), and its parts: the text content as a string
     * and as sent (a JSON string, quotes and escapes included), the structured content as compact JSON, and an
     * image's base64 data.
     */
    static ObjectNode weigh(String line) {
        JsonNode result = Workload.JSON.readTree(line).path("result");
        long text = 0;
        long textSent = 0;
        long image = 0;
        for (JsonNode content : result.path("content")) {
            switch (content.path("type").asString()) {
                case "text" -> {
                    text += bytes(content.path("text").asString());
                    textSent += bytes(content.get("text").toString());
                }
                case "image" -> image += bytes(content.path("data").asString());
                default -> { } // counted in the line only
            }
        }
        ObjectNode weights = Workload.JSON.createObjectNode().put("line_bytes", bytes(line)).put("text_bytes", text)
                .put("text_sent_bytes", textSent);
        if (result.has("structuredContent")) {
            weights.put("structured_bytes", bytes(result.get("structuredContent").toString()));
        }
        if (image > 0) {
            weights.put("image_base64_bytes", image);
        }
        return weights;
    }

    private static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
