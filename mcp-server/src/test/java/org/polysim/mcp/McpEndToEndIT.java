package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.call;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The packaged server driven over stdio by the MCP Java SDK client, as a desktop client would. */
class McpEndToEndIT extends ServerSession {

    static final Map<String, Object> COUNTERS = Map.of(
            "name", "counters",
            "seed", 5,
            "params", Map.of("step", 2),
            "scripts", Map.of("counter", Map.of("language", "lua", "source", """
                    function update(e, inbox)
                      e.state.n = (e.state.n or 0) + e.params.step
                      e.metric("total", e.state.n)
                      e.metric("roll", e.random(1, 6))
                      print("n is", e.state.n)
                    end
                    """)),
            "entities", List.of(Map.of("script", "counter", "count", 3)));

    @Test
    void theWholeToolSetWorksEndToEnd() throws Exception {
        assertThat(client.getServerInstructions()).contains("create_world", "polysim://docs/guide", "lua");
        List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertThat(tools).contains("create_world", "delete_world", "copy_world", "list_worlds", "list_entities",
                "advance_simulation", "get_world_state", "list_metrics", "get_metric", "get_metrics",
                "get_entity_state", "set_entity_state", "create_world_snapshot", "restore_world_snapshot",
                "list_snapshots", "save_world_snapshot_to_file", "load_world_snapshot_from_file", "spawn_entity",
                "remove_entity", "update_script", "get_log", "get_messages");
        assertThat(client.listTools().tools()).allSatisfy(t -> {
            assertThat(t.description()).isNotBlank();
            assertThat(t.inputSchema()).isNotNull();
            assertThat(t.outputSchema()).isNotNull();
        });

        ok("create_world", COUNTERS);
        Map<String, Object> advanced = data(ok("advance_simulation", Map.of("world_name", "counters",
                "num_steps", 10)));
        assertThat(((Number) advanced.get("time")).doubleValue()).isEqualTo(10);
        assertThat(((Map<?, ?>) advanced.get("last_tick_metrics")).get("total")).isEqualTo(60.0);

        Map<String, Object> metric = data(ok("get_metric", Map.of("world_name", "counters", "metric_name", "total",
                "max_points", 5)));
        assertThat((List<?>) metric.get("values")).hasSize(5);
        assertThat(metric.get("downsampled")).isEqualTo(true);
        assertThat(((Number) metric.get("last")).doubleValue()).isEqualTo(60);
        Map<String, Object> metrics = data(ok("get_metrics", Map.of("world_name", "counters")));
        assertThat(((Map<?, ?>) metrics.get("metrics")).keySet().stream().map(Object::toString).sorted().toList())
                .containsExactly("entities.counter", "roll", "total");
        assertThat(text(ok("list_metrics", Map.of("world_name", "counters")))).contains("total", "roll");

        Map<String, Object> entities = data(ok("list_entities", Map.of("world_name", "counters",
                "include_states", true)));
        assertThat((List<?>) entities.get("entities")).hasSize(3);
        Map<String, Object> one = data(ok("get_entity_state", Map.of("world_name", "counters",
                "entity_id", "counter-2")));
        assertThat(((Map<?, ?>) one.get("state")).get("n")).isEqualTo(20);
        assertThat(text(ok("get_log", Map.of("world_name", "counters", "entity_id", "counter-1", "tail", 2))))
                .contains("n is\t20");
        Map<String, Object> overview = data(ok("get_world_state", Map.of("world_name", "counters")));
        assertThat(overview).containsEntry("seed", 5).containsEntry("entities", 3);

        // snapshot, change, restore
        String snap = (String) data(ok("create_world_snapshot", Map.of("world_name", "counters",
                "label", "before"))).get("snapshot_id");
        ok("set_entity_state", Map.of("world_name", "counters", "entity_id", "counter-1", "state",
                Map.of("n", 1000)));
        ok("advance_simulation", Map.of("world_name", "counters", "num_steps", 5));
        assertThat(text(ok("list_snapshots", Map.of("world_name", "counters")))).contains(snap, "before");
        ok("restore_world_snapshot", Map.of("world_name", "counters", "snapshot_id", snap));
        Map<String, Object> restored = data(ok("get_entity_state", Map.of("world_name", "counters",
                "entity_id", "counter-1")));
        assertThat(((Map<?, ?>) restored.get("state")).get("n")).isEqualTo(20);
        assertThat(((Number) restored.get("time")).doubleValue()).isEqualTo(10);

        // copy evolves identically
        ok("copy_world", Map.of("source_world_name", "counters", "target_world_name", "twin"));
        ok("advance_simulation", Map.of("world_name", "counters", "num_steps", 7));
        ok("advance_simulation", Map.of("world_name", "twin", "num_steps", 7));
        Object rollsA = data(ok("get_metric", Map.of("world_name", "counters", "metric_name", "roll"))).get("values");
        Object rollsB = data(ok("get_metric", Map.of("world_name", "twin", "metric_name", "roll"))).get("values");
        assertThat(rollsB).isEqualTo(rollsA);

        // live edits
        ok("update_script", Map.of("world_name", "twin", "script", "counter", "source",
                "function update(e, inbox) e.state.n = e.state.n - 1 e.metric('total', e.state.n) end"));
        String spawned = (String) data(ok("spawn_entity", Map.of("world_name", "twin", "script", "counter",
                "state", Map.of("n", 100)))).get("entity_id");
        assertThat(spawned).isEqualTo("counter-4");
        ok("remove_entity", Map.of("world_name", "twin", "entity_id", "counter-3"));
        ok("advance_simulation", Map.of("world_name", "twin", "num_steps", 1));
        assertThat(((Map<?, ?>) data(ok("get_entity_state", Map.of("world_name", "twin", "entity_id",
                "counter-4"))).get("state")).get("n")).isEqualTo(99);

        // files in the workspace
        Map<String, Object> saved = data(ok("save_world_snapshot_to_file", Map.of("world_name", "counters",
                "file_path", "runs/counters.yaml")));
        assertThat(Path.of((String) saved.get("file_path"))).exists().startsWith(workspace.toRealPath());
        ok("load_world_snapshot_from_file", Map.of("world_name", "reloaded", "file_path", "runs/counters.yaml"));
        ok("advance_simulation", Map.of("world_name", "reloaded", "num_steps", 3));
        ok("advance_simulation", Map.of("world_name", "counters", "num_steps", 3));
        assertThat(data(ok("get_metric", Map.of("world_name", "reloaded", "metric_name", "roll"))).get("values"))
                .isEqualTo(data(ok("get_metric", Map.of("world_name", "counters", "metric_name", "roll")))
                        .get("values"));

        assertThat(text(ok("list_worlds", Map.of()))).contains("counters", "twin", "reloaded");
        ok("delete_world", Map.of("world_name", "reloaded"));
        assertThat(text(ok("list_worlds", Map.of()))).doesNotContain("reloaded");
    }

    @Test
    void messagesAndProgressAreReported() throws InterruptedException {
        ok("create_world", Map.of("name", "chat", "scripts", Map.of("talker", Map.of("language", "lua", "source",
                "function update(e, inbox) e.send(e.id == 'a' and 'b' or 'a', 'hi', {t = e.time}) end")),
                "entities", List.of(Map.of("id", "a", "script", "talker"), Map.of("id", "b", "script", "talker"))));
        McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder("advance_simulation")
                .arguments(Map.of("world_name", "chat", "num_steps", 3, "include_delivered_messages", true))
                .meta(Map.of("progressToken", "chat-progress")).build());
        assertThat(r.isError()).isFalse();
        assertThat((List<?>) data(r).get("delivered_messages")).hasSize(4);
        for (int i = 0; i < 100 && progress.isEmpty(); i++) {
            Thread.sleep(50); // the client hands notifications over on its own thread
        }
        assertThat(progress).anySatisfy(p -> assertThat(String.valueOf(p.progressToken())).isEqualTo("chat-progress"));
        Map<String, Object> msgs = data(ok("get_messages", Map.of("world_name", "chat", "entity_id", "a",
                "since_time", 3)));
        assertThat((List<?>) msgs.get("messages")).hasSize(2);
    }

    @Test
    void everyErrorIsAnActionableToolResult() throws Exception {
        ok("create_world", Map.of("name", "errs", "scripts", Map.of("c", Map.of("language", "lua", "source",
                "function update(e, inbox) end")), "entities", List.of(Map.of("id", "only", "script", "c"))));
        assertThat(error("advance_simulation", Map.of("world_name", "nope", "num_steps", 1)))
                .contains("no world 'nope'", "errs");
        assertThat(error("get_entity_state", Map.of("world_name", "errs", "entity_id", "ghost")))
                .contains("no entity 'ghost'", "only");
        assertThat(error("advance_simulation", Map.of("world_name", "errs")))
                .contains("missing argument 'num_steps'");
        assertThat(error("advance_simulation", Map.of("world_name", "errs", "num_steps", "ten")))
                .contains("'num_steps' must be a whole number", "\"ten\"");
        assertThat(error("update_script", Map.of("world_name", "errs", "script", "c", "source",
                "function update(e, inbox)\n  local x = = 2\nend"))).contains("line 2", "not replaced");
        assertThat(error("create_world", Map.of("name", "broken", "scripts", Map.of("c", Map.of("language", "lua",
                "source", "function update(e, inbox)\n  x = \nend"))))).contains("script 'c'", "line 3");
        assertThat(error("set_entity_state", Map.of("world_name", "errs", "entity_id", "only", "state",
                "{not json"))).contains("'state' is not valid JSON");
        assertThat(error("set_entity_state", Map.of("world_name", "errs", "entity_id", "only", "state", 5)))
                .contains("'state' must be a JSON object");
        assertThat(error("save_world_snapshot_to_file", Map.of("world_name", "errs", "file_path",
                "../../etc/evil.yaml"))).contains("outside the workspace");
        assertThat(error("load_world_snapshot_from_file", Map.of("world_name", "errs", "file_path",
                "/etc/passwd.json"))).contains("outside the workspace");
        assertThat(error("create_world", Map.of("name", "bad", "scripts", Map.of("c", Map.of("language", "lua",
                "source", "function update(e, inbox) end")), "entities", List.of(Map.of("script", "d")))))
                .contains("entities[0].script", "no script 'd'", "known: c");
        assertThat(error("create_world", Map.of("name", "errs", "scripts", Map.of()))).contains("exists");
        assertThat(error("get_world_state", Map.of("world_name", "errs", "extra", 1)))
                .contains("unknown argument 'extra'");
        ok("update_script", Map.of("world_name", "errs", "script", "c", "source",
                "function update(e, inbox)\n  if e.time == 2 then error('broke') end\nend"));
        String failed = error("advance_simulation", Map.of("world_name", "errs", "num_steps", 5));
        assertThat(failed).contains("tick 2", "entity 'only'", "line 2", "broke", "1 of 5 ticks completed",
                "update_script");
        assertThat(data(ok("get_world_state", Map.of("world_name", "errs"))).get("tick")).isEqualTo(1);
        Files.writeString(workspace.resolve("bad.yaml"), "name: x\nscripts: [1, 2\n");
        assertThat(error("load_world_snapshot_from_file", Map.of("world_name", "x", "file_path", "bad.yaml")))
                .contains("line", "YAML syntax error");
    }

    @Test
    void concurrentCallsOnOneWorldLeaveItConsistent() throws Exception {
        ok("create_world", Map.of("name", "busy", "scripts", Map.of("c", Map.of("language", "lua", "source",
                "function update(e, inbox) e.state.n = (e.state.n or 0) + 1 e.metric('ticks', 1) end")),
                "entities", List.of(Map.of("script", "c", "count", 20))));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<McpSchema.CallToolResult>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(pool.submit(() -> call(client, "advance_simulation", Map.of("world_name", "busy",
                    "num_steps", 3))));
            calls.add(pool.submit(() -> call(client, "list_entities", Map.of("world_name", "busy",
                    "include_states", true))));
        }
        for (Future<McpSchema.CallToolResult> f : calls) {
            assertThat(f.get().isError()).isFalse();
        }
        pool.shutdown();
        Map<String, Object> state = data(ok("get_world_state", Map.of("world_name", "busy")));
        assertThat(state.get("tick")).isEqualTo(120);
        Map<String, Object> entities = data(ok("list_entities", Map.of("world_name", "busy", "include_states", true)));
        assertThat((List<?>) entities.get("entities")).allSatisfy(e ->
                assertThat(((Map<?, ?>) ((Map<?, ?>) e).get("state")).get("n")).isEqualTo(120));
        Map<String, Object> ticks = data(ok("get_metric", Map.of("world_name", "busy", "metric_name", "ticks",
                "max_points", 1000)));
        assertThat(ticks.get("count")).isEqualTo(120);
        assertThat(((List<?>) ticks.get("values")).stream().map(Object::toString).distinct().toList())
                .containsExactly("20.0");
    }

    @Test
    void seedFormatAndMixedLanguageWorldsWorkOverMcp() {
        ok("create_world", Map.of("world_name", "seeded", "script_library", List.of(Map.of("id", "ping", "kind", "lua",
                "script", "n = 0\nfunction get_state() return {n = n} end\nfunction set_state(s) n = s.n or 0 end\n"
                        + "function update(current_time, msgs) n = n + 1 world.record_metric('n', n) end")),
                "entities", List.of(Map.of("id", "p", "script_id", "ping", "initial_state", Map.of("n", 10)))));
        ok("advance_simulation", Map.of("world_name", "seeded", "num_steps", 2));
        assertThat(((Map<?, ?>) data(ok("get_entity_state", Map.of("world_name", "seeded", "entity_id", "p")))
                .get("state")).get("n")).isEqualTo(12);

        ok("create_world", Map.of("name", "polyglot", "scripts", Map.of(
                        "lua", Map.of("language", "lua", "source", "function update(e, inbox) e.metric('n', 1) end"),
                        "js", Map.of("language", "js", "source", "function update(e, inbox) { e.metric('n', 10); }"),
                        "py", Map.of("language", "python", "source", "def update(e, inbox):\n    e.metric('n', 100)\n")),
                "entities", List.of(Map.of("script", "lua"), Map.of("script", "js"), Map.of("script", "py"))));
        Map<String, Object> r = data(ok("advance_simulation", Map.of("world_name", "polyglot", "num_steps", 3)));
        assertThat(((Map<?, ?>) r.get("last_tick_metrics")).get("n")).isEqualTo(111.0);
        assertThat(error("update_script", Map.of("world_name", "polyglot", "script", "py", "source",
                "def update(e, inbox):\n    return (\n"))).contains("python", "not replaced");
    }

    @Test
    void resourcesTeachTheApiAndTheirExamplesRun() {
        List<String> uris = client.listResources().resources().stream().map(McpSchema.Resource::uri).toList();
        assertThat(uris).contains("polysim://docs/guide", "polysim://docs/lua", "polysim://docs/js",
                "polysim://docs/python", "polysim://examples/sir-epidemic");
        var guide = client.readResource(new McpSchema.ReadResourceRequest("polysim://docs/guide"));
        assertThat(((McpSchema.TextResourceContents) guide.contents().getFirst()).text()).contains("One tick");
    }

    /**
     * The live view as an MCP App (SEP-1865): view_world names its page in {@code _meta.ui.resourceUri}, and the page
     * reads as the extension's mime type, whole, loading nothing from the network.
     */
    @Test
    void viewWorldLinksTheLiveViewPage() {
        McpSchema.Tool view = client.listTools().tools().stream().filter(t -> t.name().equals("view_world"))
                .findFirst().orElseThrow();
        assertThat(view.meta()).containsEntry("ui", Map.of("resourceUri", "ui://polysim/view"));
        var page = (McpSchema.TextResourceContents) client.readResource(
                new McpSchema.ReadResourceRequest("ui://polysim/view")).contents().getFirst();
        assertThat(page.mimeType()).isEqualTo("text/html;profile=mcp-app");
        assertThat(page.text()).startsWith("<!doctype html>").contains("ui/initialize", "tools/call")
                .doesNotContain("src=\"http", "href=\"http");
        Map<String, Object> world = new java.util.HashMap<>(COUNTERS);
        world.put("name", "viewed");
        ok("create_world", world);
        Map<String, Object> frame = data(ok("view_world", Map.of("world_name", "viewed")));
        assertThat(frame.get("entities")).isEqualTo(3);
        assertThat((List<?>) frame.get("table")).hasSize(3);
    }

    /** One bullet of a list, its continuation lines joined. */
    private static List<String> bullets(String section) {
        List<String> out = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("- ")) {
                out.add(line.substring(2));
            } else if (line.startsWith("  ") && !out.isEmpty()) {
                out.set(out.size() - 1, out.getLast() + " " + line.strip());
            }
        }
        return out;
    }

    private static List<String> quoted(String text, String pattern) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(" + pattern + ")`").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The guide's "built in" list names the tools that do each thing, and each one exists; its "not built in" list
     * names what each thing would be called, and none of those exists, as a tool or as an entity API member. (It
     * said parameter sweeps were not built in while run_experiment served them.)
     */
    @Test
    void whatTheGuideSaysIsBuiltInIsTheToolListAndWhatItSaysIsNotIsAbsent() {
        String guide = ((McpSchema.TextResourceContents) client.readResource(
                new McpSchema.ReadResourceRequest("polysim://docs/guide")).contents().getFirst()).text();
        List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        String section = guide.substring(guide.indexOf("## What is built in"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        String builtIn = section.substring(section.indexOf("Built in"), section.indexOf("Not built in"));
        String notBuiltIn = section.substring(section.indexOf("Not built in"));

        List<String> yes = bullets(builtIn);
        assertThat(yes).hasSizeGreaterThan(5);
        List<String> named = new ArrayList<>();
        for (String item : yes) {
            List<String> names = quoted(item, "[a-z]+(?:_[a-z]+)+");
            assertThat(names).as("built-in item names its tools: " + item).isNotEmpty();
            assertThat(tools).as(item).containsAll(names);
            named.addAll(names);
        }
        assertThat(named).as("every tool is in the built-in list").containsAll(tools);

        List<String> no = bullets(notBuiltIn);
        assertThat(no).isNotEmpty();
        List<String> members = java.util.Arrays.stream(org.polysim.engine.spi.ApiMember.values())
                .map(org.polysim.engine.spi.ApiMember::memberName).toList();
        for (String item : no) {
            java.util.regex.Matcher said = java.util.regex.Pattern.compile("\\(would be ([^)]*)\\)").matcher(item);
            assertThat(said.find()).as("a missing feature says what it would be: " + item).isTrue();
            List<String> wouldBe = quoted(said.group(1), "e\\.[a-z_]+|[a-z]+(?:_[a-z]+)+");
            assertThat(wouldBe).as("a missing feature names what it would be: " + item).isNotEmpty();
            for (String name : wouldBe) {
                if (name.startsWith("e.")) {
                    assertThat(members).as(item).doesNotContain(name.substring(2));
                } else {
                    assertThat(tools).as(item).doesNotContain(name);
                }
            }
        }
    }

    /** Three prompts to start a session with; a missing argument is an invalid-params error naming it. */
    @Test
    void promptsStartTheCommonSessions() {
        assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
                .containsExactlyInAnyOrder("build_model", "study_parameter", "explain_run");
        var built = client.getPrompt(new McpSchema.GetPromptRequest("build_model",
                Map.of("description", "sheep eat grass and wolves eat sheep", "language", "python")));
        String text = ((McpSchema.TextContent) built.messages().getFirst().content()).text();
        assertThat(text).contains("sheep eat grass and wolves eat sheep", "polysim://docs/python", "create_world",
                "entities.<script>", "e.neighbors()", "e.near");
        var explained = client.getPrompt(new McpSchema.GetPromptRequest("explain_run", Map.of("world_name", "w")));
        assertThat(((McpSchema.TextContent) explained.messages().getFirst().content()).text())
                .contains("world 'w'", "trace_entity");
        var missing = org.assertj.core.api.Assertions.catchThrowable(() -> client.getPrompt(
                new McpSchema.GetPromptRequest("study_parameter", Map.of("world_name", "w"))));
        assertThat(missing).hasMessageContaining("needs param");
    }
}
