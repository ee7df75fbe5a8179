package org.polysim.mcp;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFileException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

/** Builds the polysim MCP server and serves it over stdio until stdin ends. */
public final class PolysimServer {

    /** The project's version, as its POM gives it (filtered into a resource at build time). */
    public static final String VERSION = version();

    private PolysimServer() {}

    /**
     * Serves on the process's stdin/stdout; returns when stdin ends. stdout is reserved for JSON-RPC.
     *
     * @param viewPort where to serve the live view in a browser (0: any free port), or null for none
     */
    public static void serveStdio(Path workspace, int responseBytes, boolean ephemeral, WarmUp warmUp,
                                  Integer viewPort) throws IOException, InterruptedException {
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err); // a stray print anywhere in the JVM must not corrupt the protocol stream
        serve(System.in, out, workspace, responseBytes, ephemeral, warmUp, viewPort);
    }

    /**
     * Serves on the given streams; returns when {@code in} ends.
     *
     * @param ephemeral keep worlds in memory only; otherwise they live in the workspace and come back at start
     * @param warmUp    what to ready in the background while the server is idle
     * @param viewPort  with a port (0: any free one), the live view of every world on this server is served in a
     *                  browser on 127.0.0.1, its address with its token printed on stderr; null for none
     */
    public static void serve(InputStream in, OutputStream out, Path workspace, int responseBytes, boolean ephemeral,
            WarmUp warmUp, Integer viewPort) throws IOException, InterruptedException {
        Workspace ws = new Workspace(workspace);
        ServerState state = new ServerState(ws, ephemeral ? WorldStore.NONE : WorldStore.in(ws.root()),
                responseBytes, System::nanoTime);
        state.worlds.findStored();
        // stored worlds load behind the handshake: a client's start-up time-out never waits for them
        Thread.ofPlatform().daemon().name("polysim-load").start(state.worlds::loadStored);
        var inputEnded = new java.util.concurrent.CountDownLatch(1);
        StdioGuard guard = new StdioGuard(in, out, state.runs::cancel, inputEnded::countDown);
        var mapper = new JacksonMcpJsonMapper(Json.MAPPER);
        var transport = new StdioServerTransportProvider(mapper, guard, out);
        McpAsyncServer server = McpServer.async(new SerializedSends(transport, mapper, out, inputEnded::countDown))
                .serverInfo("polysim", VERSION)
                .instructions(Docs.instructions())
                .validateToolInputs(false) // Args gives errors that name the argument and say what it is for
                // our results match their output schemas by construction, and the SDK client checks them in
                // McpEndToEndIT; validating every result again here loaded a schema library at startup (about
                // 0.3 s of the launch) and ran it on every call (bench/README.md)
                .jsonSchemaValidator((schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false)
                        .prompts(false).build())
                .tools(specifications(state))
                .resources(resources())
                .prompts(Prompts.specifications())
                .build();
        System.err.println("polysim MCP server " + VERSION + " on stdio; workspace " + state.workspace.root()
                + (ephemeral ? " (ephemeral: worlds are kept in memory only)" : ""));
        if (warmUp != WarmUp.NONE) {
            warmUpWhenQuiet(guard, state, warmUp == WarmUp.EXERCISE);
        }
        ViewServer view = viewPort == null ? null : ViewServer.start(state, viewPort);
        if (view != null) {
            System.err.println("polysim: the live view of this server's worlds: " + view.url());
        }
        inputEnded.await();
        if (view != null) {
            view.close();
        }
        server.closeGracefully().block();
    }

    static List<Tool> tools(ServerState state) {
        List<Tool> tools = new ArrayList<>();
        tools.addAll(new WorldTools(state).tools());
        tools.addAll(new RunTools(state).tools());
        tools.addAll(new SnapshotTools(state).tools());
        tools.addAll(new SpaceTools(state).tools());
        tools.addAll(new NetworkTools(state).tools());
        tools.addAll(new TraceTools(state).tools());
        tools.addAll(new PlotTools(state).tools());
        tools.addAll(new ExportTools(state).tools());
        tools.addAll(new ExperimentTools(state).tools());
        tools.addAll(new ViewTools(state).tools());
        return tools;
    }

    /**
     * Readies the languages (a cold GraalPy takes seconds to start, which the first Python world would otherwise wait
     * for) once the server is idle: no call in progress and stdin quiet for {@link #QUIET_MILLIS}. That is after
     * the handshake and the client's first requests, so neither shares the cores with it, while an LLM writes its
     * first world; a client that keeps asking is served first. With {@code exercise}, each language's exercise then
     * runs a tick at a time while the server stays idle, so a first small world does not run in the interpreter
     * while the JIT catches up.
     */
    private static void warmUpWhenQuiet(StdioGuard guard, ServerState state, boolean exercise) {
        Thread.ofPlatform().daemon().name("polysim-warm-up").start(() -> {
            try {
                while (guard.quietNanos() < QUIET_MILLIS * 1_000_000L || state.callsInProgress.get() > 0) {
                    Thread.sleep(QUIET_MILLIS / 4);
                }
                new LanguageWarmUp(exercise, () -> guard.quietNanos() >= QUIET_MILLIS * 1_000_000L
                        && state.callsInProgress.get() == 0).run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * What a server readies in the background while idle. The exercise is not the default: it spent 55 to 70 s of
     * CPU in a launch's first minute on two cores (the warm-up alone 20 to 22 s), for a first Python world that
     * runs its first ticks about twice as fast, only when it comes after the exercise has finished.
     */
    public enum WarmUp {
        /** Nothing: each language starts when its first world needs it. */
        NONE,
        /** A first context of each language (the default). */
        RUNTIMES,
        /** The runtimes, then each guest language's exercise script in a world of its own. */
        EXERCISE
    }

    /** How long stdin must be quiet before the languages are warmed up. */
    static final long QUIET_MILLIS = 500;

    private static List<McpServerFeatures.AsyncToolSpecification> specifications(ServerState state) {
        return tools(state).stream().map(t -> specification(t, state)).toList();
    }

    /**
     * A read-only call whose world is free runs at once, on the thread that read it from stdin: handing every call
     * to a worker thread was about a sixth of a {@code get_world_state} round trip (bench/README.md). A call that
     * changes a world, or would wait for one (held by a run or another call, or still loading), goes to a worker,
     * so a long run never keeps the server from reading the next request or a cancellation.
     */
    private static McpServerFeatures.AsyncToolSpecification specification(Tool t, ServerState state) {
        McpSchema.Tool tool = declared(t);
        return McpServerFeatures.AsyncToolSpecification.builder().tool(tool).callHandler((async, request) -> {
            var exchange = new McpSyncServerExchange(async);
            if (t.hints().readOnly() && t.hints().quick()) {
                McpSchema.CallToolResult now = state.worlds.withoutWaiting(() -> counted(state, () -> call(t, exchange,
                        request, state.responseBytes)));
                if (now != null) {
                    return Mono.just(now);
                }
            }
            return Mono.fromCallable(() -> counted(state, () -> call(t, exchange, request, state.responseBytes)))
                    .subscribeOn(Schedulers.boundedElastic());
        }).build();
    }

    /**
     * The tool as clients see it in {@code tools/list}. Every output schema declares {@code cut}, the report of what
     * the response budget left out ({@link Fit#REPORT_SCHEMA}), which any result may carry.
     */
    static McpSchema.Tool declared(Tool t) {
        Map<String, Object> output = t.output().toOutputSchema();
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) output.get("properties");
        properties.put(Fit.REPORT, Fit.REPORT_SCHEMA);
        var tool = McpSchema.Tool.builder().name(t.name()).description(t.description())
                .inputSchema(t.input().toJsonSchema()).outputSchema(output)
                .annotations(annotations(t.hints()));
        if (t.view() != null) { // MCP Apps (SEP-1865): a host that supports them shows the result in this page
            tool.meta(Map.of("ui", Map.of("resourceUri", t.view())));
        }
        return tool.build();
    }

    /**
     * MCP's tool annotations, each only where it differs from the spec's default (read-only false, destructive
     * true, idempotent false, open world true): a client reads the same hints from fewer bytes of tools/list.
     */
    private static McpSchema.ToolAnnotations annotations(Tool.Hints h) {
        return new McpSchema.ToolAnnotations(null, h.readOnly() ? true : null,
                h.readOnly() || h.destructive() ? null : false, h.idempotent() && !h.readOnly() ? true : null,
                false, null);
    }

    /** Runs {@code call} counted among the calls in progress (the warm-up waits for none to be). */
    private static <T> T counted(ServerState state, java.util.function.Supplier<T> call) {
        state.callsInProgress.incrementAndGet();
        try {
            return call.get();
        } finally {
            state.callsInProgress.decrementAndGet();
        }
    }

    /** Runs a tool; every failure becomes an {@code isError} result, never an exception to the client. */
    static McpSchema.CallToolResult call(Tool t, McpSyncServerExchange exchange,
                                         McpSchema.CallToolRequest request, int budget) {
        try {
            Args args = new Args(t.name(), Json.toNode(request.arguments()), t.input());
            Tool.Result handled = t.handler().handle(new Tool.Call(args, exchange, request, budget));
            String json = Json.compact(handled.data()); // written once: measures the data and, unless cut, is the text
            String image = handled.png() == null ? null : Base64.getEncoder().encodeToString(handled.png());
            Tool.Result r = within(t, handled, utf8(json), budget - (image == null ? 0 : image.length()));
            String text = r.summaryIsComplete() ? r.summary()
                    : r.summary() + "\n" + (r.data() == handled.data() ? json : Json.compact(r.data()));
            // the tree itself: the SDK's mapper writes it as it would the same data converted to a Map
            var result = McpSchema.CallToolResult.builder().addTextContent(text).structuredContent(r.data())
                    .isError(false);
            if (image != null) { // the tool drew it to fit the budget (PlotTools)
                result.addContent(new McpSchema.ImageContent(null, image, "image/png"));
            }
            return result.build();
        } catch (Worlds.WouldWait e) {
            throw e; // not a failure: the call is run again where it may wait
        } catch (ToolError | WorldFileException | SimulationException | IllegalArgumentException e) {
            return error(t.name(), e.getMessage());
        } catch (Exception | StackOverflowError e) {
            System.err.println("polysim: internal error in " + t.name() + ": " + e);
            return error(t.name(), "internal error in " + t.name() + ": " + e
                    + ". The world is unchanged; please report this.");
        }
    }

    /**
     * The result cut to the response budget, text and structured content together (the text repeats the data as
     * JSON unless the summary is complete). Tools page their own lists; this catches what they cannot foresee.
     *
     * @param dataBytes the size of {@code r.data()} as compact JSON
     */
    static Tool.Result within(Tool t, Tool.Result r, int dataBytes, int budget) {
        String summary = r.summary();
        int room = budget - 512;
        if (r.summaryIsComplete() && utf8(summary) > room / 2) {
            summary = Fit.fit(Json.F.stringNode(summary), room / 2).value().stringValue();
        }
        int dataRoom = r.summaryIsComplete() ? room - utf8(summary) : (room - utf8(summary)) / 2;
        ObjectNode data = r.data();
        // the report of what was cut takes its room from the data's: a few places, then only their count
        int reportRoom = Math.clamp(dataRoom / 8, 160, 2048);
        Fit.Fitted fitted = dataBytes <= dataRoom ? null : Fit.fit(r.data(), dataRoom - reportRoom);
        if (fitted != null && !fitted.places().isEmpty()) {
            data = (ObjectNode) fitted.value(); // a new object whenever something was cut: the report may go in it
            ObjectNode report = Json.object().put("budget_bytes", budget);
            var places = report.putArray("places");
            int used = Fit.size(report) + 32;
            for (Fit.Place p : fitted.places()) {
                ObjectNode place = p.toJson();
                used += Fit.size(place) + 1;
                if (used > reportRoom) {
                    break;
                }
                places.add(place);
            }
            report.put("places_total", fitted.places().size());
            data.set(Fit.REPORT, report);
        }
        if (data == r.data() && summary.equals(r.summary())) {
            return r;
        }
        String optional = t.input().args().values().stream().filter(a -> !a.required()).map(Schema.Arg::name)
                .collect(java.util.stream.Collectors.joining(", "));
        String where = data != r.data() ? "'" + Fit.REPORT + "' lists what was left out (path, shown, total)"
                : "the text ends where it says '" + Fit.CUT.strip() + "'";
        return new Tool.Result(data, "[response cut to fit " + budget / 1024 + " KB; " + where + ". Ask for less" + (optional.isEmpty() ? ""
                : " with " + optional) + "] " + summary, r.summaryIsComplete());
    }

    private static int utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static McpSchema.CallToolResult error(String tool, String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message)
                .structuredContent(Json.object().put("error", message).put("tool", tool))
                .isError(true).build();
    }

    private static List<McpServerFeatures.AsyncResourceSpecification> resources() throws IOException {
        List<McpServerFeatures.AsyncResourceSpecification> specs = new ArrayList<>();
        for (Docs.Page page : Docs.pages().values()) {
            McpSchema.Resource resource = McpSchema.Resource.builder().uri(page.uri()).name(page.name())
                    .description(page.description()).mimeType(page.mimeType()).build();
            var result = new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(page.uri(),
                    page.mimeType(), page.text())));
            specs.add(new McpServerFeatures.AsyncResourceSpecification(resource, (exchange, request) ->
                    Mono.just(result))); // the pages are in memory: nothing to wait for
        }
        // the live view, an MCP App's page (SEP-1865): hosts that support the extension render it for view_world
        String page = ViewTools.page();
        McpSchema.Resource view = McpSchema.Resource.builder().uri(ViewTools.URI).name("view")
                .description("The live view of a world (MCP Apps).").mimeType(ViewTools.MIME).build();
        var viewResult = new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(ViewTools.URI,
                ViewTools.MIME, page)));
        specs.add(new McpServerFeatures.AsyncResourceSpecification(view, (exchange, request) -> Mono.just(viewResult)));
        return specs;
    }

    private static String version() {
        try (var in = PolysimServer.class.getResourceAsStream("version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
