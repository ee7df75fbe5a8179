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
    private final Path workspace;
    private final OutputStream in;
    private final BufferedReader out;
    private int nextId = 1;
    /** The server's answer to {@code initialize}, as it came (the sizes part weighs it). */
    private String initializeLine;

    private McpRoundTrip(Process process, Path workspace) {
        this.process = process;
        this.workspace = workspace;
        this.in = process.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * What saving each changed world before the call returns costs: one-tick {@code advance_simulation} round trips
     * in microseconds on two servers holding the same world, one keeping its worlds in the workspace (the default)
     * and one {@code --ephemeral}, timed in alternating blocks so both see the same machine.
     */
    static ObjectNode autosave(List<String> serverCommand, ObjectNode world, int warmup, int blocks, int perBlock)
            throws Exception {
        List<String> ephemeral = new ArrayList<>(serverCommand);
        ephemeral.add("--ephemeral");
        ObjectNode result = Workload.JSON.createObjectNode().put("n", world.path("entities").path(0).path("count")
                .asInt());
        try (McpRoundTrip stored = start(serverCommand); McpRoundTrip memory = start(ephemeral)) {
            ObjectNode advance = Workload.JSON.createObjectNode().put("world_name", world.get("name").asString())
                    .put("num_steps", 1);
            var storedTimes = result.putArray("stored_us");
            var memoryTimes = result.putArray("ephemeral_us");
            for (McpRoundTrip c : List.of(stored, memory)) {
                c.call("create_world", world);
                c.times("advance_simulation", advance, warmup, 0);
            }
            for (int b = 0; b < blocks; b++) {
                storedTimes.addAll(stored.times("advance_simulation", advance, 0, perBlock));
                memoryTimes.addAll(memory.times("advance_simulation", advance, 0, perBlock));
            }
            result.put("file_bytes", stored.storedBytes());
        }
        return result;
    }

    /** Bytes of the world files this session's server keeps. */
    private long storedBytes() throws IOException {
        Path dir = workspace.resolve(".polysim/worlds");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Milliseconds from starting {@code serverCommand} to the response of its first tool call. */
    static double launchMs(List<String> serverCommand) throws Exception {
        long t0 = System.nanoTime();
        try (McpRoundTrip client = start(serverCommand)) {
            client.call("list_worlds", Workload.JSON.createObjectNode());
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /**
     * Milliseconds a cold server's first Python {@code create_world} takes (request to response), asked
     * {@code waitMs} after the handshake.
     */
    static double coldPythonMs(List<String> serverCommand, long waitMs) throws Exception {
        try (McpRoundTrip client = start(serverCommand)) {
            Thread.sleep(waitMs);
            ObjectNode world = (ObjectNode) Workload.JSON.readTree("{\"name\":\"cold\",\"scripts\":{\"s\":{"
                    + "\"language\":\"python\",\"source\":\"def update(e, inbox):\\n    e.state['n'] = "
                    + "e.state.get('n', 0) + 1\\n\"}},\"entities\":[{\"script\":\"s\"}]}");
            long t = System.nanoTime();
            client.call("create_world", world);
            return (System.nanoTime() - t) / 1e6;
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

    /** A started and initialised session, in a fresh workspace of its own. */
    static McpRoundTrip start(List<String> serverCommand) throws IOException {
        Path workspace = Files.createTempDirectory("polysim-bench");
        List<String> cmd = new ArrayList<>(serverCommand);
        cmd.addAll(List.of("--workspace", workspace.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .directory(workspace.toFile()).start();
        McpRoundTrip client = new McpRoundTrip(p, workspace);
        client.initializeLine = client.exchange("initialize", Workload.JSON.readTree("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
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

    JsonNode call(String tool, ObjectNode args) throws IOException {
        ObjectNode params = Workload.JSON.createObjectNode().put("name", tool);
        params.set("arguments", args);
        JsonNode response = send("tools/call", params);
        if (response.path("result").path("isError").asBoolean(false) || response.has("error")) {
            // the tool's own words when it gave any, else the whole response
            JsonNode text = response.path("result").path("content").path(0).path("text");
            throw new IllegalStateException(tool + " failed: " + (text.isString() ? text.asString() : response));
        }
        return response;
    }

    /** CPU time the server process has used so far, every thread (the JIT compilers' and collector's too). */
    long serverCpuMillis() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    String initializeLine() {
        return initializeLine;
    }

    private JsonNode send(String method, JsonNode params) throws IOException {
        return Workload.JSON.readTree(exchange(method, params));
    }

    /** Sends one request and returns its response line exactly as the server wrote it (newline excluded). */
    String exchange(String method, JsonNode params) throws IOException {
        int id = nextId++;
        ObjectNode request = Workload.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        write(request.toString());
        List<String> skipped = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            JsonNode message = Workload.JSON.readTree(line);
            if (message.path("id").asInt(-1) == id) {
                return line;
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
