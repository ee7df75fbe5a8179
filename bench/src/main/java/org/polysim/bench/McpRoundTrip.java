package org.polysim.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP server as a desktop client meets it: the packaged application started over stdio, spoken to in
 * newline-delimited JSON-RPC by this minimal client (no SDK on the client side, so the figures are the server's).
 * Measures the time from launch to the first tool response, and the round trips of {@code get_world_state} and of a
 * one-tick {@code advance_simulation} on a 100-entity world.
 */
final class McpRoundTrip implements AutoCloseable {

    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private int nextId = 1;

    private McpRoundTrip(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Milliseconds from starting {@code serverCommand} to the response of its first tool call. */
    static double launchMs(List<String> serverCommand) throws Exception {
        long t0 = System.nanoTime();
        try (McpRoundTrip client = start(serverCommand)) {
            client.call("list_worlds", Workload.JSON.createObjectNode());
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /** Round trips in microseconds, one list per tool, each call waiting for its response. */
    static ObjectNode measure(List<String> serverCommand, ObjectNode world, int warmup, int calls) throws Exception {
        ObjectNode result = Workload.JSON.createObjectNode();
        try (McpRoundTrip client = start(serverCommand)) {
            client.call("create_world", world);
            ObjectNode state = Workload.JSON.createObjectNode().put("world_name", world.get("name").asString());
            ObjectNode advance = state.deepCopy().put("num_steps", 1);
            result.set("get_world_state_us", client.times("get_world_state", state, warmup, calls));
            result.set("advance_1_tick_us", client.times("advance_simulation", advance, warmup, calls));
        }
        return result;
    }

    /** A started and initialised session. */
    private static McpRoundTrip start(List<String> serverCommand) throws IOException {
        Path workspace = Files.createTempDirectory("polysim-bench");
        Process p = new ProcessBuilder(serverCommand).redirectError(ProcessBuilder.Redirect.DISCARD)
                .directory(workspace.toFile()).start();
        McpRoundTrip client = new McpRoundTrip(p);
        client.send("initialize", Workload.JSON.readTree("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"polysim-bench\",\"version\":\"1\"}}"));
        client.notifyInitialized();
        return client;
    }

    private tools.jackson.databind.node.ArrayNode times(String tool, ObjectNode args, int warmup, int calls)
            throws IOException {
        for (int i = 0; i < warmup; i++) {
            call(tool, args);
        }
        var times = Workload.JSON.createArrayNode();
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call(tool, args);
            times.add((System.nanoTime() - t) / 1e3);
        }
        return times;
    }

    private JsonNode call(String tool, ObjectNode args) throws IOException {
        ObjectNode params = Workload.JSON.createObjectNode().put("name", tool);
        params.set("arguments", args);
        JsonNode response = send("tools/call", params);
        if (response.path("result").path("isError").asBoolean(false) || response.has("error")) {
            throw new IllegalStateException(tool + " failed: " + response);
        }
        return response;
    }

    private JsonNode send(String method, JsonNode params) throws IOException {
        int id = nextId++;
        ObjectNode request = Workload.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        write(request.toString());
        List<String> skipped = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            JsonNode message = Workload.JSON.readTree(line);
            if (message.path("id").asInt(-1) == id) {
                return message;
            }
            skipped.add(line); // notifications (logging, progress)
        }
        throw new IOException("the server closed stdout while " + method + " was pending; it said " + skipped);
    }

    private void notifyInitialized() throws IOException {
        write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    private void write(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Override
    public void close() throws Exception {
        in.close();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
