package org.polysim.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands between stdin and the SDK's stdio transport, as the input stream the transport reads. Some SDK versions end
 * the session on the first line they cannot parse; here a malformed line (bad JSON, JSON that is not a JSON-RPC 2.0
 * message, a batch, a line over {@link #MAX_LINE} bytes) is answered with a JSON-RPC error and the session goes on.
 * So is a {@code tools/call} whose {@code arguments} is not an object: -32602 (invalid params) saying so, where the
 * SDK, failing to read it as a map, would answer -32603 with a Jackson exception's name.
 * Well-formed lines pass through unchanged. Error answers are written under the lock every send takes on stdout
 * ({@link SerializedSends}), so lines never interleave.
 *
 * <p>The SDK has no handler for {@code notifications/cancelled} and does not tell a tool handler its JSON-RPC
 * request id. So the guard does both: it stamps each {@code tools/call} with its id (in {@code params._meta} under
 * {@link #REQUEST_ID}) and hands each cancellation to {@code onCancel} instead of the SDK.
 *
 * <p>The checks run on the SDK's own reading thread, inside {@link #read}: a thread of ours copying lines into a
 * pipe cost every call a hand-over between threads (about a tenth of a {@code get_world_state} round trip, see
 * bench/README.md).
 */
final class StdioGuard extends InputStream {

    static final int MAX_LINE = 32 << 20;
    /** Where a tool call's JSON-RPC id is put in its {@code _meta}, for {@link ServerState#cancel}. */
    static final String REQUEST_ID = "polysim/request_id";
    /** Stands for a line longer than {@link #MAX_LINE}: it is answered, not passed on. */
    private static final byte[] OVERSIZED = new byte[0];

    private final InputStream in;
    private final OutputStream out;
    private final java.util.function.Consumer<String> onCancel;
    private final Runnable onEnd;
    private final byte[] buffer = new byte[1 << 16];
    private int buffered;
    private int scanned;
    /** The line being gathered from stdin, up to {@link #MAX_LINE} bytes. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean oversized;
    /** The checked line the SDK is reading, newline included, and how far it has read. */
    private byte[] passed = new byte[0];
    private int taken;
    private boolean ended;
    /** When stdin last gave a line, for {@link #quietNanos}. */
    private volatile long lastLine = System.nanoTime();

    /**
     * @param onEnd told once, when stdin ends or fails
     */
    StdioGuard(InputStream in, OutputStream out, java.util.function.Consumer<String> onCancel, Runnable onEnd) {
        this.in = in;
        this.out = out;
        this.onCancel = onCancel;
        this.onEnd = onEnd;
    }

    /** How long stdin has been quiet: the client is not waiting on anything it just asked. */
    long quietNanos() {
        return System.nanoTime() - lastLine;
    }

    @Override
    public int read() throws IOException {
        return nextPassed() ? passed[taken++] & 0xff : -1;
    }

    /** Gives at most the rest of the current line: never waits for more of stdin once it has something to give. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!nextPassed()) {
            return -1;
        }
        int n = Math.min(len, passed.length - taken);
        System.arraycopy(passed, taken, b, off, n);
        taken += n;
        return n;
    }

    @Override
    public int available() {
        return passed.length - taken;
    }

    /** Makes sure part of a line that passed is left to read; false once stdin has ended. */
    private boolean nextPassed() throws IOException {
        while (taken == passed.length) {
            if (ended) {
                return false;
            }
            byte[] next;
            try {
                next = nextLine();
            } catch (IOException e) {
                System.err.println("polysim: stdin closed: " + e.getMessage());
                next = null;
            }
            if (next == null) {
                ended = true;
                onEnd.run();
                return false;
            }
            lastLine = System.nanoTime();
            if (next == OVERSIZED) {
                reply(null, -32600, "Invalid Request: message longer than " + (MAX_LINE >> 20) + " MiB");
                continue;
            }
            byte[] checked = check(next);
            if (checked != null) {
                passed = checked;
                taken = 0;
            }
        }
        return true;
    }

    /** The next line of stdin without its newline ({@link #OVERSIZED} if too long), or null at its end. */
    private byte[] nextLine() throws IOException {
        while (true) {
            for (int i = scanned; i < buffered; i++) {
                if (buffer[i] == '\n') {
                    append(scanned, i);
                    scanned = i + 1;
                    return takeLine();
                }
            }
            append(scanned, buffered);
            scanned = buffered = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) { // a last line without its newline still counts, unless it was too long
                byte[] last = line.size() > 0 && !oversized ? takeLine() : null;
                line.reset();
                return last;
            }
            buffered = n;
        }
    }

    private void append(int from, int to) {
        int room = MAX_LINE - line.size();
        if (to - from > room) {
            oversized = true;
        }
        line.write(buffer, from, Math.min(to - from, room));
    }

    private byte[] takeLine() {
        byte[] bytes = oversized ? OVERSIZED : line.toByteArray();
        line.reset();
        oversized = false;
        return bytes;
    }

    /** The line to hand the SDK, newline included; or null when it was answered or handled here. */
    private byte[] check(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return null;
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (RuntimeException e) {
            reply(null, -32700, "Parse error: not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
            return null;
        }
        String problem = problem(message);
        if (problem != null) {
            JsonNode id = message.isObject() ? message.get("id") : null;
            reply(id != null && (id.isString() || id.isNumber()) ? id : null, -32600, "Invalid Request: " + problem);
            return null;
        }
        String method = message.path("method").asString("");
        if (method.equals("notifications/cancelled")) {
            JsonNode id = message.path("params").get("requestId");
            if (id != null) {
                onCancel.accept(id.toString());
            }
            return null;
        }
        if (method.equals("tools/call")) {
            String badArguments = argumentsProblem(message.path("params"));
            if (badArguments != null) { // the SDK would fail to read it as a map: -32603 naming a Jackson exception
                JsonNode id = message.get("id");
                reply(id != null && (id.isString() || id.isNumber()) ? id : null, -32602, badArguments);
                return null;
            }
        }
        if (method.equals("tools/call") && message.hasNonNull("id")) {
            ObjectNode params = message.get("params") instanceof ObjectNode p ? p : ((ObjectNode) message)
                    .putObject("params");
            JsonNode meta = params.get("_meta");
            (meta instanceof ObjectNode m ? m : params.putObject("_meta")).put(REQUEST_ID, message.get("id")
                    .toString());
            text = Json.compact(message);
        }
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
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

    /** Why a {@code tools/call}'s arguments cannot be a tool's named arguments, or null. */
    private static String argumentsProblem(JsonNode params) {
        JsonNode arguments = params.get("arguments");
        if (arguments == null || arguments.isNull() || arguments.isObject()) {
            return null;
        }
        String tool = params.path("name").asString("the tool");
        String got = arguments.isArray() ? "an array" : arguments.isString() ? "a string" : arguments.isNumber()
                ? "a number" : arguments.isBoolean() ? "a boolean" : arguments.getNodeType().toString().toLowerCase();
        return "Invalid params: arguments of " + tool + " must be an object of named arguments, such as "
                + "{\"world_name\": \"w\"}, or left out; got " + got;
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
