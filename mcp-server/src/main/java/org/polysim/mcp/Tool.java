package org.polysim.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One MCP tool: name, what it is for, its input and output schemas, and the handler.
 *
 * @param hints what it does to the worlds and files, told to clients as MCP annotations (a client may approve
 *              read-only tools without asking, so these must be true)
 * @param view  the {@code ui://} resource a client that supports MCP Apps shows its result in, or null
 */
record Tool(String name, String description, Schema input, Schema output, Hints hints, Handler handler, String view) {

    Tool(String name, String description, Schema input, Schema output, Hints hints, Handler handler) {
        this(name, description, input, output, hints, handler, null);
    }

    /**
     * MCP's tool annotations: read-only, destructive (may overwrite or remove), idempotent (a repeat adds nothing);
     * and, not told to clients, whether a read-only call is quick enough to run on the thread that reads stdin.
     */
    record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean quick) {
        /** Reads only. */
        static final Hints READ = new Hints(true, false, true, true);
        /** Reads only, but takes long enough (drawing a chart: a second the first time) to run on a worker. */
        static final Hints READ_SLOW = new Hints(true, false, true, false);
        /** Adds something new (a snapshot, an entity); a repeat adds another. */
        static final Hints ADD = new Hints(false, false, false, false);
        /** Overwrites or removes (a state, a file, a world); a repeat with the same arguments changes no more. */
        static final Hints REPLACE = new Hints(false, true, true, false);
        /** Overwrites and moves on: each call changes the world again (advancing, creating over a world). */
        static final Hints CHANGE = new Hints(false, true, false, false);
    }

    /**
     * What a handler sees of a call.
     *
     * @param budget the most bytes the response may have (a tool that can shape its own answer, such as a view's
     *               frame, sizes it to fit rather than being cut)
     */
    record Call(Args args, McpSyncServerExchange exchange, McpSchema.CallToolRequest request, int budget) {

        Call(Args args, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
            this(args, exchange, request, ServerState.DEFAULT_RESPONSE_BYTES);
        }

        /** The client's progress token for this call, or null when it asked for no progress. */
        Object progressToken() {
            Map<String, Object> meta = request.meta();
            return meta == null ? null : meta.get("progressToken");
        }

        /**
         * The JSON-RPC id of this call, which the transport ({@link StdioGuard}) put in its {@code _meta}, so that a
         * cancellation can find the call it names; null outside that transport.
         */
        String requestId() {
            Map<String, Object> meta = request.meta();
            Object id = meta == null ? null : meta.get(StdioGuard.REQUEST_ID);
            return id == null ? null : id.toString();
        }
    }

    /**
     * The structured result and a summary for the text rendering.
     *
     * @param summaryIsComplete the summary already says everything (the text then omits the JSON)
     * @param png               an image to send after the text (plot_metrics), or null
     */
    record Result(ObjectNode data, String summary, boolean summaryIsComplete, byte[] png) {
        Result(ObjectNode data, String summary) {
            this(data, summary, false, null);
        }

        Result(ObjectNode data, String summary, boolean summaryIsComplete) {
            this(data, summary, summaryIsComplete, null);
        }
    }

    @FunctionalInterface
    interface Handler {
        Result handle(Call call) throws Exception;
    }
}
