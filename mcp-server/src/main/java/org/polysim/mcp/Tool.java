package org.polysim.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.node.ObjectNode;

/**
 * One MCP tool: name, what it is for, its input and output schemas, and the handler.
 *
 * @param hints what it does to the worlds and files, told to clients as MCP annotations (a client may approve
 *              read-only tools without asking, so these must be true)
 */
record Tool(String name, String description, Schema input, Schema output, Hints hints, Handler handler) {

    /** MCP's tool annotations: read-only, destructive (may overwrite or remove), idempotent (a repeat adds nothing). */
    record Hints(boolean readOnly, boolean destructive, boolean idempotent) {
        /** Reads only. */
        static final Hints READ = new Hints(true, false, true);
        /** Adds something new (a snapshot, an entity); a repeat adds another. */
        static final Hints ADD = new Hints(false, false, false);
        /** Overwrites or removes (a state, a file, a world); a repeat with the same arguments changes no more. */
        static final Hints REPLACE = new Hints(false, true, true);
        /** Overwrites and moves on: each call changes the world again (advancing, creating over a world). */
        static final Hints CHANGE = new Hints(false, true, false);
    }

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
