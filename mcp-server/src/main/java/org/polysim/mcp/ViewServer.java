package org.polysim.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.polysim.engine.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live view in a browser ({@code polysim run --view}, {@code polysim serve --view}): the page of {@link
 * ViewTools} and the few tools it calls, over HTTP on 127.0.0.1 only, with a change feed (server-sent events). The
 * JDK's own HTTP server: one page, one JSON endpoint and one event stream need no framework, and the application
 * ships no web server it would have to keep patched.
 *
 * <p>Who may use it: the page's URL carries a random token, printed on stderr, which every request must bring (so
 * another user of the machine cannot drive the worlds); a request whose {@code Host} is not the loopback address it
 * was sent to (DNS rebinding) or whose {@code Origin} is not this server's own (another site in the same browser) is
 * refused. It serves the page and nothing else of the workspace, and only the tools the view needs: reading a
 * world, advancing it, its params and its snapshots.
 */
final class ViewServer implements AutoCloseable {

    /** The tools the page calls; no tool that reads or writes workspace files is among them. */
    static final Set<String> TOOLS = Set.of("view_world", "list_worlds", "advance_simulation", "set_params",
            "create_world_snapshot", "restore_world_snapshot", "get_entity_state", "trace_entity", "get_log");
    /** Bytes of one answer: a browser on loopback takes a frame of every entity of a large world. */
    static final int RESPONSE_BYTES = 4 * 1024 * 1024;
    /** How often the event stream looks for changed worlds, and how often it says it is alive when none did. */
    private static final long POLL_MILLIS = 150;
    private static final long KEEPALIVE_MILLIS = 15_000;

    private final ServerState state;
    private final Map<String, Tool> tools = new HashMap<>();
    private final String token;
    private final HttpServer http;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final String page;
    private volatile boolean open = true;

    private ViewServer(ServerState state, List<Tool> all, int port) throws IOException {
        this.state = state;
        all.stream().filter(t -> TOOLS.contains(t.name())).forEach(t -> tools.put(t.name(), t));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.page = ViewTools.page();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.setExecutor(workers);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Serves the view of {@code state}'s worlds on 127.0.0.1, at {@code port} (0: any free port). */
    static ViewServer start(ServerState state, int port) throws IOException {
        return new ViewServer(state, PolysimServer.tools(state), port);
    }

    /** The page's address, token included: what a person opens. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/?token=" + token);
    }

    /** The page's address for one world. */
    URI url(String world) {
        return URI.create(url() + "&world=" + java.net.URLEncoder.encode(world, StandardCharsets.UTF_8));
    }

    int port() {
        return http.getAddress().getPort();
    }

    String token() {
        return token;
    }

    @Override
    public void close() {
        open = false;
        http.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String refusal = refusal(x);
            if (refusal != null) {
                send(x, 403, "text/plain", refusal);
                return;
            }
            switch (x.getRequestURI().getPath()) {
                case "/" -> {
                    x.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; script-src "
                            + "'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'");
                    send(x, 200, "text/html; charset=utf-8", page);
                }
                case "/api/call" -> call(x);
                case "/events" -> events(x);
                default -> send(x, 404, "text/plain", "not found");
            }
        }
    }

    /** Why the request is refused, or null: the token, the Host and the Origin must be this server's. */
    private String refusal(HttpExchange x) {
        String given = query(x.getRequestURI(), "token");
        if (given == null) {
            given = x.getRequestHeaders().getFirst("X-Polysim-Token");
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return "the view needs the token of the URL that polysim printed";
        }
        String host = x.getRequestHeaders().getFirst("Host");
        if (host == null || !(host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()))) {
            return "the view answers requests to 127.0.0.1:" + port() + " only";
        }
        String origin = x.getRequestHeaders().getFirst("Origin");
        if (origin != null && !(origin.equals("http://127.0.0.1:" + port())
                || origin.equals("http://localhost:" + port()))) {
            return "requests from another site are refused";
        }
        return null;
    }

    /** {@code POST /api/call {name, arguments}}: one tool call, answered as MCP's CallToolResult. */
    private void call(HttpExchange x) throws IOException {
        if (!x.getRequestMethod().equals("POST")) {
            send(x, 405, "text/plain", "POST a tool call");
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(x.getRequestBody().readNBytes(1 << 20));
        } catch (RuntimeException e) {
            send(x, 400, "text/plain", "the body is not JSON");
            return;
        }
        Tool tool = tools.get(body.path("name").asString(""));
        if (tool == null) {
            send(x, 404, "text/plain", "the view calls only " + String.join(", ", new java.util.TreeSet<>(TOOLS)));
            return;
        }
        ObjectNode arguments = body.path("arguments") instanceof ObjectNode o ? o : Json.object();
        @SuppressWarnings("unchecked")
        Map<String, Object> args = Json.MAPPER.convertValue(arguments, Map.class);
        McpSchema.CallToolResult result = PolysimServer.call(tool, null,
                new McpSchema.CallToolRequest(tool.name(), args), RESPONSE_BYTES);
        send(x, 200, "application/json", Json.MAPPER.writeValueAsString(result));
    }

    /**
     * {@code GET /events}: server-sent events, one {@code {world, version, tick, entities}} whenever a world changes
     * (or appears), and {@code {world, gone: true}} when one is deleted; read without waiting for a world's lock.
     */
    private void events(HttpExchange x) throws IOException {
        x.getResponseHeaders().add("Content-Type", "text/event-stream");
        x.getResponseHeaders().add("Cache-Control", "no-store");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        Map<String, Long> seen = new HashMap<>();
        long quietSince = System.currentTimeMillis();
        try {
            while (open) {
                boolean said = false;
                for (String name : state.worlds.names()) {
                    World w = state.worlds.find(name);
                    if (w != null && !Long.valueOf(w.version()).equals(seen.get(name))) {
                        seen.put(name, w.version());
                        World.Status s = w.status();
                        event(out, Json.object().put("world", name).put("version", w.version())
                                .put("tick", s.tick()).put("entities", s.entities()));
                        said = true;
                    }
                }
                for (String name : List.copyOf(seen.keySet())) {
                    if (!state.worlds.contains(name)) {
                        seen.remove(name);
                        event(out, Json.object().put("world", name).put("gone", true));
                        said = true;
                    }
                }
                if (said) {
                    quietSince = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - quietSince > KEEPALIVE_MILLIS) {
                    out.write(": alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    quietSince = System.currentTimeMillis();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException gone) {
            // the page was closed
        }
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
        out.write(("data: " + Json.compact(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.getResponseHeaders().add("Cache-Control", "no-store");
        x.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static String query(URI uri, String key) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
