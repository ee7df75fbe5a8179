package org.polysim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get_world_state} round trips as a client on the official TypeScript MCP SDK sees them
 * ({@code bench/mcp-latency/client.mjs}), on three servers in one run: polysim ({@code polysim serve}, holding a
 * 100-entity Lua world), a trivial server on the TypeScript SDK (the floor the target is set against) and a trivial
 * server on the Java SDK ({@link TrivialJavaServer}: what the Java SDK costs by itself). The client warms each
 * server up, then times blocks of calls that alternate between the servers, so all three see the same machine.
 */
final class McpLatency {

    static final String POLYSIM = "polysim";
    static final String TRIVIAL_TS = "trivial-ts";
    static final String TRIVIAL_JAVA = "trivial-java";

    private McpLatency() {}

    /**
     * The client's JSON: {@code sdk} and {@code node} versions and per server the timed round trips in
     * microseconds, with the plan it ran.
     *
     * @param polysimServer how to start {@code polysim serve} (a fresh workspace is added)
     * @param javaServer    how to start {@link TrivialJavaServer}
     */
    static ObjectNode measure(Path root, List<String> polysimServer, List<String> javaServer, ObjectNode world,
                              int warmup, int blocks, int perBlock) throws Exception {
        Path project = root.resolve("bench/mcp-latency");
        Path workspace = Files.createTempDirectory("polysim-bench-latency");
        ObjectNode plan = Workload.JSON.createObjectNode().put("warmup", warmup).put("blocks", blocks)
                .put("perBlock", perBlock);
        var servers = plan.putArray("servers");
        List<String> polysimCommand = new java.util.ArrayList<>(polysimServer);
        polysimCommand.addAll(List.of("--workspace", workspace.toString()));
        server(servers.addObject(), POLYSIM, polysimCommand, workspace).put("worldName", world.get("name")
                .asString()).set("createWorld", world);
        server(servers.addObject(), TRIVIAL_JAVA, javaServer, project).put("worldName", "bench");
        server(servers.addObject(), TRIVIAL_TS, List.of("node", project.resolve("trivial-server.mjs").toString()),
                project).put("worldName", "bench");
        Path planFile = workspace.resolve("plan.json");
        Files.writeString(planFile, plan.toString());
        Process p = new ProcessBuilder("node", project.resolve("client.mjs").toString(), planFile.toString())
                .directory(project.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("the latency client did not finish in 10 minutes");
        }
        if (p.exitValue() != 0 || !out.startsWith("{")) {
            throw new IOException("the latency client failed (exit " + p.exitValue() + "); run `npm ci --prefix "
                    + "bench/mcp-latency` if its packages are missing; it printed: " + out);
        }
        ObjectNode result = (ObjectNode) Workload.JSON.readTree(out);
        result.put("warmup", warmup).put("blocks", blocks).put("per_block", perBlock)
                .put("entities", world.path("entities").path(0).path("count").asInt());
        // the tails depend on what else the two cores ran meanwhile: the report says how busy they were
        result.put("load_average", Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        return result;
    }

    private static ObjectNode server(ObjectNode s, String name, List<String> command, Path cwd) {
        s.put("name", name).put("command", command.getFirst()).put("cwd", cwd.toString());
        var args = s.putArray("args");
        command.subList(1, command.size()).forEach(args::add);
        return s;
    }

    /** The timed round trips of one server, in microseconds. */
    static JsonNode times(JsonNode latency, String server) {
        return latency.path("servers").path(server);
    }
}
