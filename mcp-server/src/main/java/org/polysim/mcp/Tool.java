package org.polysim.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.node.ObjectNode;

/**
 * One MCP tool: name, what it is for, its input and output schemas, and the handler.
 *
 * @param readOnly whether it leaves every world unchanged (an MCP annotation clients use)
 */
record Tool(String name, String description, Schema input, Schema output, boolean readOnly, Handler handler) {

    /** What a handler sees of a call. */
    record Call(Args args, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
    }

    /**
     * The structured result and a summary for the text rendering.
     *
     * @param summaryIsComplete the summary already says everything (the text then omits the JSON)
     */
    record Result(ObjectNode data, String summary, boolean summaryIsComplete) {
        Result(ObjectNode data, String summary) {
            this(data, summary, false);
        }
    }

    @FunctionalInterface
    interface Handler {
        Result handle(Call call) throws Exception;
    }
}
