package org.polysim.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The live view (DESIGN.md "The live view"): {@code view_world}, whose result a client that supports MCP Apps shows
 * in the page {@link #URI} (the map, the metric charts, the log and the controls, which call the server's tools),
 * and whose frame every other client gets as data. The same page is served by {@link ViewServer} in a browser.
 *
 * <p>The extension (specification/2026-01-26/apps.mdx of modelcontextprotocol/ext-apps) is negotiated by the client,
 * which lists {@code io.modelcontextprotocol/ui} in its capabilities; it defines nothing for a server to advertise,
 * so the server advertises nothing: a tool's {@code _meta.ui.resourceUri} is ignored by a client without it. Only
 * view_world and render_world name the page: advance_simulation, called many times in a conversation, would put a
 * page in the chat at every call, and the page runs the world itself.
 */
final class ViewTools {

    /** The view's resource: an MCP App's page ({@code ui://}, SEP-1865). */
    static final String URI = "ui://polysim/view";
    /** The mime type the MCP Apps extension gives an app's page. */
    static final String MIME = "text/html;profile=mcp-app";

    private final ServerState state;

    ViewTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(new Tool("view_world", "Watch a world live (map, charts, controls) in MCP Apps clients; "
                + "others get the frame as data.",
                Schema.of().required("world_name", "string", "The world.")
                        .optional("color_by", "string", "State field to colour entities by.")
                        .optional("layer", "string", "Layer to draw (default: the first)."),
                Schema.of().open(), Tool.Hints.READ, this::view, URI));
    }

    private Tool.Result view(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        ViewFrame.Options o = new ViewFrame.Options(c.args().optString("color_by"), c.args().optString("layer"),
                ViewFrame.MAX_POINTS);
        return state.worlds.withWorld(name, w -> {
            var frame = ViewFrame.of(w, o, state.snapshots.list(name), state.runs.of(name), c.budget());
            String counts = w.countsByScript().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            String note = frame.has("note") ? "; " + frame.path("note").asString() : "";
            return new Tool.Result(frame, "world '" + name + "' at tick " + frame.path("tick").asLong() + ", time "
                    + Views.num(w.time()) + ": " + Views.count(w.entityCount(), "entity", "entities")
                    + (counts.isEmpty() ? "" : " (" + counts + ")") + note + ". A client with MCP Apps shows it "
                    + "live; polysim serve --view shows it in a browser.", true);
        });
    }

    /** The page, from the jar: it loads nothing from anywhere else. */
    static String page() throws IOException {
        try (InputStream in = ViewTools.class.getResourceAsStream("view.html")) {
            if (in == null) {
                throw new IOException("view.html is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
