package org.polysim.bench;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java SDK's floor for the latency part: a trivial MCP server on the official Java SDK (sync server, the SDK's
 * stdio transport, defaults otherwise), with one tool {@code get_world_state} answering the same fixed result as
 * {@code bench/mcp-latency/trivial-server.mjs}. What a round trip costs here is the SDK's and the JVM's, with no
 * polysim code in the way.
 *
 * <p>One departure from the defaults: the tool runs on the thread that read the request ({@code
 * immediateExecution}), which a tool that never blocks allows. By default the SDK runs each call on a worker
 * thread, and then an answer can be dropped when it is sent while the previous one is still leaving the SDK's
 * outgoing queue on another thread ("Failed to enqueue message", java-sdk#686): with the defaults, two runs of this
 * part hung waiting for an answer that never came (one of them with that error in the server's log).
 */
public final class TrivialJavaServer {

    private TrivialJavaServer() {}

    public static void main(String[] args) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        @SuppressWarnings("unchecked")
        Map<String, Object> overview = json.readValue("{\"world_name\":\"bench\",\"time\":0,\"tick\":0,\"dt\":1,"
                + "\"seed\":42,\"entities\":100,\"entities_by_script\":{\"agent\":100},\"scripts\":{\"agent\":"
                + "\"lua\"},\"pending_messages\":0,\"dropped_messages\":0,\"metrics\":[],\"snapshots\":0,"
                + "\"params\":{\"n\":100,\"work\":1000,\"fanout\":10}}", Map.class);
        String text = "world 'bench' at time 0: 100 entities {agent=100}, 0 messages pending\n"
                + json.writeValueAsString(overview);
        McpSchema.CallToolResult answer = McpSchema.CallToolResult.builder().addTextContent(text)
                .structuredContent(overview).isError(false).build();
        McpSchema.Tool tool = McpSchema.Tool.builder().name("get_world_state")
                .description("A world's overview (a fixed answer).")
                .inputSchema(new JacksonMcpJsonMapper(json), "{\"type\":\"object\",\"properties\":{\"world_name\":"
                        + "{\"type\":\"string\"}},\"required\":[\"world_name\"]}")
                .build();
        var stdinEnded = new java.util.concurrent.CountDownLatch(1);
        InputStream stdin = new FilterInputStream(System.in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    stdinEnded.countDown();
                }
                return n;
            }
        };
        var server = McpServer.sync(new StdioServerTransportProvider(new JacksonMcpJsonMapper(json), stdin,
                        System.out))
                .serverInfo("trivial-java", "1")
                .immediateExecution(true)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                        .callHandler((exchange, request) -> answer).build())
                .build();
        stdinEnded.await(); // the transport reads stdin on a thread of its own
        server.closeGracefully();
    }
}
