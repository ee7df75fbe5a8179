package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.call;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One packaged server per test class, driven by the SDK client as a desktop client would. */
abstract class ServerSession {

    @TempDir
    static Path workspace;
    static McpSyncClient client;
    static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        progress.clear();
        client = ServerProcess.client(workspace, progress::add);
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
    }

    /** The result of a call that must succeed. */
    static McpSchema.CallToolResult ok(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = call(client, tool, args);
        assertThat(r.isError()).as(tool + ": " + text(r)).isFalse();
        return r;
    }

    /** The text of a call that must fail with an {@code isError} result. */
    static String error(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = call(client, tool, args);
        assertThat(r.isError()).as(tool + " should fail: " + text(r)).isTrue();
        return text(r);
    }
}
