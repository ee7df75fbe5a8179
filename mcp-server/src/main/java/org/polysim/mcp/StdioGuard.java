package org.polysim.mcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands between stdin and the SDK's stdio transport. Some SDK versions end the session on the first line they
 * cannot parse; here a malformed line (bad JSON, JSON that is not a JSON-RPC 2.0 message, a batch, a line over
 * {@link #MAX_LINE} bytes) is answered with a JSON-RPC error and the session goes on. Well-formed lines pass through
 * unchanged. Error answers are written under the same lock the SDK uses for stdout, so lines never interleave.
 *
 * <p>The SDK has no handler for {@code notifications/cancelled} and does not tell a tool handler its JSON-RPC
 * request id. So the guard does both: it stamps each {@code tools/call} with its id (in {@code params._meta} under
 * {@link #REQUEST_ID}) and hands each cancellation to {@code onCancel} instead of the SDK.
 */
final class StdioGuard implements Runnable {

    static final int MAX_LINE = 32 << 20;
    /** Where a tool call's JSON-RPC id is put in its {@code _meta}, for {@link ServerState#cancel}. */
    static final String REQUEST_ID = "polysim/request_id";

    private final InputStream in;
    private final OutputStream out;
    private final PipedInputStream sdkIn;
    private final PipedOutputStream toSdk;
    private final java.util.function.Consumer<String> onCancel;

    StdioGuard(InputStream in, OutputStream out, java.util.function.Consumer<String> onCancel) throws IOException {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.out = out;
        this.onCancel = onCancel;
        this.sdkIn = new PipedInputStream(1 << 20);
        this.toSdk = new PipedOutputStream(sdkIn);
    }

    /** What the SDK transport reads: only well-formed JSON-RPC lines. */
    InputStream sdkInput() {
        return sdkIn;
    }

    /** Copies lines until stdin ends, then closes the SDK's input (which ends the session). */
    @Override
    public void run() {
        try (toSdk) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean oversized = false;
            int b;
            while ((b = in.read()) != -1) {
                if (b != '\n') {
                    if (line.size() < MAX_LINE) {
                        line.write(b);
                    } else {
                        oversized = true;
                    }
                    continue;
                }
                if (oversized) {
                    reply(null, -32600, "Invalid Request: message longer than " + (MAX_LINE >> 20) + " MiB");
                } else {
                    forward(line.toByteArray());
                }
                line.reset();
                oversized = false;
            }
            if (line.size() > 0 && !oversized) {
                forward(line.toByteArray());
            }
        } catch (IOException e) {
            System.err.println("polysim: stdin closed: " + e.getMessage());
        }
    }

    private void forward(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (RuntimeException e) {
            reply(null, -32700, "Parse error: not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
            return;
        }
        String problem = problem(message);
        if (problem != null) {
            JsonNode id = message.isObject() ? message.get("id") : null;
            reply(id != null && (id.isString() || id.isNumber()) ? id : null, -32600, "Invalid Request: " + problem);
            return;
        }
        String method = message.path("method").asString("");
        if (method.equals("notifications/cancelled")) {
            JsonNode id = message.path("params").get("requestId");
            if (id != null) {
                onCancel.accept(id.toString());
            }
            return;
        }
        if (method.equals("tools/call") && message.hasNonNull("id")) {
            ObjectNode params = message.get("params") instanceof ObjectNode p ? p : ((ObjectNode) message)
                    .putObject("params");
            JsonNode meta = params.get("_meta");
            (meta instanceof ObjectNode m ? m : params.putObject("_meta")).put(REQUEST_ID, message.get("id")
                    .toString());
            text = Json.compact(message);
        }
        toSdk.write(text.getBytes(StandardCharsets.UTF_8));
        toSdk.write('\n');
        toSdk.flush();
    }

    /** Why a parsed line is not a JSON-RPC 2.0 message, or null. */
    private static String problem(JsonNode m) {
        if (m.isArray()) {
            return "batches are not supported; send one message per line";
        }
        if (!m.isObject()) {
            return "expected a JSON-RPC 2.0 object, got " + m.getNodeType().toString().toLowerCase();
        }
        if (!"2.0".equals(m.path("jsonrpc").asString(null))) {
            return "\"jsonrpc\": \"2.0\" is missing";
        }
        JsonNode id = m.get("id");
        if (id != null && !(id.isString() || id.isIntegralNumber() || id.isNull())) {
            return "id must be a string or an integer";
        }
        if (m.has("method")) {
            if (!m.get("method").isString()) {
                return "method must be a string";
            }
            JsonNode params = m.get("params");
            if (params != null && !params.isObject() && !params.isNull()) {
                return "params must be an object";
            }
            return null;
        }
        if (id != null && (m.has("result") || m.has("error"))) {
            return null;
        }
        return "a request needs a method; a response needs an id and a result or error";
    }

    private void reply(JsonNode id, int code, String message) throws IOException {
        ObjectNode r = Json.object().put("jsonrpc", "2.0");
        r.set("id", id == null ? Json.F.nullNode() : id);
        r.putObject("error").put("code", code).put("message", message);
        byte[] bytes = (Json.compact(r) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }
}
