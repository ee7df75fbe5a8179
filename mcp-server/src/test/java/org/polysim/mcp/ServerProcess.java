package org.polysim.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Starts the packaged server ({@code target/polysim.jar}) as a subprocess, as a desktop client would. */
final class ServerProcess {

    private ServerProcess() {}

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static Path jar() {
        return Path.of(System.getProperty("polysim.jar", "target/polysim.jar"));
    }

    static List<String> command(Path workspace) {
        return List.of(java(), "-jar", jar().toString(), "serve", "--workspace", workspace.toString());
    }

    /** An initialized MCP Java SDK client connected to a fresh server. */
    static McpSyncClient client(Path workspace, java.util.function.Consumer<McpSchema.ProgressNotification> progress) {
        List<String> cmd = command(workspace);
        ServerParameters params = ServerParameters.builder(cmd.getFirst()).args(cmd.subList(1, cmd.size())).build();
        var transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        transport.setStdErrorHandler(line -> { }); // the server's stderr (logs) is not part of the protocol
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress == null ? p -> { } : progress).build();
        client.initialize();
        return client;
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }
}
