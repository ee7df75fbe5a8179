package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.call;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an LLM met when it drove polysim (issue "What an LLM hits when it uses polysim"), each through the packaged
 * server and the SDK client: prints of failed ticks, long runs, cancellation, tool hints, response sizes, metric
 * windows, replications without resending the world, examples by name, typo recipients.
 */
@SuppressWarnings("unchecked")
class McpLlmUseIT extends ServerSession {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** About 0.1 s a tick: long enough to be caught running. */
    static final Map<String, Object> SLOW = Map.of(
            "name", "slow",
            "limits", Map.of("instructions", 100_000_000),
            "scripts", Map.of("burner", Map.of("language", "lua", "source", """
                    function update(e, inbox)
                      local x = 0
                      for i = 1, 300000 do x = x + i % 7 end
                      e.state.x = x
                    end
                    """)),
            "entities", List.of(Map.of("script", "burner", "count", 4)));

    /** Bytes of the whole result as it travels: text and structured content. */
    private static int bytes(McpSchema.CallToolResult r) {
        return JSON.writeValueAsBytes(r).length;
    }

    @Test
    void aFailedTicksPrintsAreInTheLogMarkedRolledBack() {
        ok("create_world", Map.of("name", "printer", "scripts", Map.of("p", Map.of("language", "lua", "source", """
                function update(e, inbox)
                  print("checking", e.time)
                  if e.time == 3 then error("stock went negative") end
                end
                """)), "entities", List.of(Map.of("id", "p1", "script", "p"))));
        assertThat(error("advance_simulation", Map.of("world_name", "printer", "num_steps", 5)))
                .contains("stock went negative", "the failed tick's lines included");
        McpSchema.CallToolResult log = ok("get_log", Map.of("world_name", "printer", "kinds", List.of("output")));
        assertThat(text(log)).contains("[t=3 p1, rolled back] checking\t3", "[t=2 p1] checking\t2");
        List<?> lines = (List<Object>) data(log).get("lines");
        assertThat((Map<String, Object>) lines.getLast()).containsEntry("rolled_back", true).containsEntry("kind", "output");
        assertThat(text(ok("get_log", Map.of("world_name", "printer", "kinds", List.of("engine")))))
                .contains("tick 3 failed and was rolled back").doesNotContain("checking");
        assertThat(error("get_log", Map.of("world_name", "printer", "kinds", List.of("prints"))))
                .contains("unknown kind 'prints'", "output", "dropped", "engine");
    }

    @Test
    void aLongRunLeavesTheServerAnsweringAndStopsAtMaxSeconds() throws Exception {
        ok("create_world", SLOW);
        long started = System.nanoTime();
        CompletableFuture<McpSchema.CallToolResult> run = CompletableFuture.supplyAsync(() ->
                call(client, "advance_simulation", Map.of("world_name", "slow", "num_steps", 100_000,
                        "max_seconds", 6)));
        Thread.sleep(1500);

        long asked = System.nanoTime();
        McpSchema.CallToolResult worlds = ok("list_worlds", Map.of());
        assertThat((System.nanoTime() - asked) / 1e9).isLessThan(1.0);
        assertThat(text(worlds)).contains("busy now: slow (tick ");
        McpSchema.CallToolResult overview = ok("get_world_state", Map.of("world_name", "slow"));
        assertThat(data(overview)).containsEntry("running", true);
        assertThat(text(overview)).contains("is busy", "at tick", "max_seconds");
        asked = System.nanoTime();
        assertThat(error("get_entity_state", Map.of("world_name", "slow", "entity_id", "burner-1")))
                .contains("world 'slow' is busy", "advance_simulation is running it", "cancel");
        assertThat((System.nanoTime() - asked) / 1e9).isLessThan(3.0);
        ok("create_world", Map.of("name", "bystander", "scripts", Map.of("c", Map.of("language", "lua",
                "source", "function update(e, inbox) end")), "entities", List.of(Map.of("script", "c"))));
        ok("advance_simulation", Map.of("world_name", "bystander", "num_steps", 3));

        McpSchema.CallToolResult r = run.get(60, TimeUnit.SECONDS);
        double took = (System.nanoTime() - started) / 1e9;
        assertThat(r.isError()).as(text(r)).isFalse();
        assertThat(took).isBetween(5.5, 20.0);
        Map<String, Object> d = data(r);
        assertThat(d).containsEntry("stopped", "max_seconds");
        long ran = ((Number) d.get("ticks_run")).longValue();
        assertThat(ran).isPositive().isLessThan(100_000);
        assertThat(((Number) d.get("ticks_remaining")).longValue()).isEqualTo(100_000 - ran);
        assertThat(text(r)).contains("STOPPED early (max_seconds 6 reached) at tick " + ran,
                "num_steps: " + (100_000 - ran));
        assertThat(data(ok("get_world_state", Map.of("world_name", "slow")))).containsEntry("tick", (int) ran);
    }

    @Test
    void aCancelledRunStopsAtItsLastCompletedTick() throws Exception {
        Path stderr = Files.createTempFile("polysim-stderr", ".txt");
        Process p = new ProcessBuilder(ServerProcess.command(workspace.resolve("cancel")))
                .redirectError(stderr.toFile()).start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                     StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            answer(out, 1);
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, toolCall(2, "create_world", SLOW));
            assertThat(answer(out, 2).path("result").path("isError").asBoolean()).isFalse();
            send(in, toolCall(3, "advance_simulation", Map.of("world_name", "slow", "num_steps", 100_000)));
            Thread.sleep(1500);
            long cancelled = System.nanoTime();
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3,"
                    + "\"reason\":\"user pressed stop\"}}");
            JsonNode r = answer(out, 3);
            assertThat((System.nanoTime() - cancelled) / 1e9).isLessThan(3.0);
            JsonNode result = r.path("result").path("structuredContent");
            assertThat(result.path("stopped").asString()).isEqualTo("cancelled");
            long ran = result.path("ticks_run").asLong();
            assertThat(ran).isPositive().isLessThan(100_000);
            send(in, toolCall(4, "get_world_state", Map.of("world_name", "slow")));
            assertThat(answer(out, 4).path("result").path("structuredContent").path("tick").asLong()).isEqualTo(ran);
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(stderr)).doesNotContain("No handler registered");
    }

    private static String toolCall(int id, String tool, Map<String, Object> args) {
        return JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params",
                Map.of("name", tool, "arguments", args)));
    }

    private static void send(OutputStream in, String line) throws java.io.IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The next response with this id (notifications and other lines are skipped). */
    private static JsonNode answer(BufferedReader out, int id) throws java.io.IOException {
        String line;
        while ((line = out.readLine()) != null) {
            JsonNode m = JSON.readTree(line);
            if (m.path("id").asInt(-1) == id) {
                return m;
            }
        }
        throw new AssertionError("the server ended before answering request " + id);
    }

    /** A hint as a client reads it: the value given, or the MCP spec's default when it is left out. */
    private static boolean hint(Boolean given, boolean specDefault) {
        return given == null ? specDefault : given;
    }

    @Test
    void toolHintsTellTheTruth() {
        Map<String, McpSchema.ToolAnnotations> hints = client.listTools().tools().stream()
                .collect(Collectors.toMap(McpSchema.Tool::name, McpSchema.Tool::annotations));
        List<String> readOnly = hints.entrySet().stream().filter(e -> hint(e.getValue().readOnlyHint(), false))
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(readOnly).containsExactly("get_entity_state", "get_log", "get_messages", "get_metric",
                "get_metrics", "get_network", "get_script", "get_space", "get_world_state", "list_entities", "list_metrics",
                "list_snapshots", "list_worlds", "plot_metrics", "render_world", "trace_entity", "view_world");
        for (String destructive : List.of("delete_world", "remove_entity", "restore_world_snapshot",
                "save_world_snapshot_to_file", "load_world_snapshot_from_file", "set_entity_state", "update_script",
                "advance_simulation", "create_world", "copy_world", "set_params", "export_metrics",
                "export_entities", "run_experiment")) {
            assertThat(hint(hints.get(destructive).destructiveHint(), true)).as(destructive).isTrue();
            assertThat(hint(hints.get(destructive).readOnlyHint(), false)).as(destructive).isFalse();
        }
        for (String additive : List.of("create_world_snapshot", "spawn_entity")) {
            assertThat(hint(hints.get(additive).readOnlyHint(), false)).as(additive).isFalse();
            assertThat(hint(hints.get(additive).destructiveHint(), true)).as(additive).isFalse();
        }
        assertThat(hints.values()).allSatisfy(h -> assertThat(hint(h.openWorldHint(), true)).isFalse());
        assertThat(hint(hints.get("advance_simulation").idempotentHint(), false)).isFalse();
        assertThat(hint(hints.get("set_entity_state").idempotentHint(), false)).isTrue();
    }

    @Test
    void everyResponseFitsTheBudgetAndSaysHowToGetTheRest() {
        String line = "x".repeat(300);
        ok("create_world", Map.of("name", "chatty", "scripts", Map.of(
                        "talker", Map.of("language", "lua", "source", "function update(e, inbox) print('"
                                + line + "') e.send('nobody', 'ping', {}) end"),
                        "hoarder", Map.of("language", "lua", "source", "function init(e) local t = {} for i = 1, "
                                + "8000 do t[i] = i * 1.5 end e.state.memory = t e.state.cash = 7 end "
                                + "function update(e, inbox) end")),
                "entities", List.of(Map.of("script", "talker", "count", 60), Map.of("id", "big", "script",
                        "hoarder"))));
        ok("advance_simulation", Map.of("world_name", "chatty", "num_steps", 60));

        McpSchema.CallToolResult log = ok("get_log", Map.of("world_name", "chatty", "tail", 100_000));
        assertThat(bytes(log)).isLessThanOrEqualTo(64 * 1024);
        Map<String, Object> page = data(log);
        assertThat(page).containsKey("next_before");
        assertThat(text(log)).contains("older lines exist: get_log with before: " + page.get("next_before"));
        McpSchema.CallToolResult older = ok("get_log", Map.of("world_name", "chatty", "tail", 5, "before",
                page.get("next_before"), "kinds", List.of("output")));
        List<?> olderLines = (List<Object>) data(older).get("lines");
        assertThat(olderLines).hasSize(5).allSatisfy(l -> assertThat(((Map<String, Object>) l).get("kind")).isEqualTo("output"));
        assertThat(((Number) ((Map<String, Object>) olderLines.getLast()).get("seq")).longValue())
                .isLessThan(((Number) page.get("next_before")).longValue());

        McpSchema.CallToolResult listed = ok("list_entities", Map.of("world_name", "chatty", "include_states", true,
                "limit", 1000));
        assertThat(bytes(listed)).isLessThanOrEqualTo(64 * 1024);
        assertThat(data(listed)).containsKey("next_offset");
        McpSchema.CallToolResult cash = ok("list_entities", Map.of("world_name", "chatty", "include_states", true,
                "script", "hoarder", "fields", List.of("cash")));
        assertThat((List<Object>) data(cash).get("entities")).singleElement().satisfies(e ->
                assertThat(((Map<String, Object>) e).get("state")).isEqualTo(Map.of("cash", 7)));
        McpSchema.CallToolResult names = ok("list_entities", Map.of("world_name", "chatty", "offset", 59));
        assertThat((List<Object>) data(names).get("entities")).extracting(e -> ((Map<String, Object>) e).get("id"))
                .containsExactly("talker-60", "big");

        McpSchema.CallToolResult big = ok("get_entity_state", Map.of("world_name", "chatty", "entity_id", "big"));
        assertThat(bytes(big)).isLessThanOrEqualTo(64 * 1024);
        assertThat(text(big)).contains("response cut to fit 64 KB", "with fields");
        assertThat(data(big).get("cut")).asString().contains("path=/state/memory", "total=8000", "unit=items");
        assertThat(((Map<?, ?>) data(big).get("state")).get("memory")).asList().isNotEmpty()
                .allMatch(v -> v instanceof Number); // the list keeps its first numbers, no note among them
        assertThat(data(ok("get_entity_state", Map.of("world_name", "chatty", "entity_id", "big", "fields",
                List.of("cash"))))).containsEntry("state", Map.of("cash", 7));
        assertThat(error("get_entity_state", Map.of("world_name", "chatty", "entity_id", "big", "fields",
                List.of("cahs")))).contains("no state field 'cahs'", "cash", "memory");
    }

    @Test
    void metricWindowsKeepPeaksOnOneTimeAxis() {
        ok("create_world", Map.of("name", "spiky", "scripts", Map.of("s", Map.of("language", "lua", "source", """
                function update(e, inbox)
                  e.metric("level", e.time == 37 and 1000 or 1)
                  if e.time % 2 == 0 then e.metric("even", e.time) end
                end
                """)), "entities", List.of(Map.of("script", "s"))));
        ok("advance_simulation", Map.of("world_name", "spiky", "num_steps", 100));

        Map<String, Object> level = data(ok("get_metric", Map.of("world_name", "spiky", "metric_name", "level",
                "max_points", 10)));
        assertThat(level).containsEntry("downsampled", true);
        assertThat((List<Object>) level.get("bucket_max")).contains(1000.0);
        assertThat((List<Object>) level.get("values")).doesNotContain(1000.0);
        Map<String, Object> window = data(ok("get_metric", Map.of("world_name", "spiky", "metric_name", "level",
                "since_time", 40, "until_time", 49)));
        assertThat((List<Object>) window.get("times")).hasSize(10).first().isEqualTo(40.0);
        assertThat(window).containsEntry("max", 1.0).containsEntry("count", 10);
        Map<String, Object> stats = data(ok("get_metric", Map.of("world_name", "spiky", "metric_name", "level",
                "stats_only", true)));
        assertThat(stats).doesNotContainKey("values").containsEntry("max", 1000.0);

        Map<String, Object> both = data(ok("get_metrics", Map.of("world_name", "spiky", "until_time", 4)));
        // the engine's count of s has a value at time 0 too (the world's creation), so the axis starts there
        assertThat((List<Object>) both.get("times")).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        Map<?, ?> even = (Map<String, Object>) ((Map<String, Object>) both.get("metrics")).get("even");
        assertThat((List<Object>) even.get("values")).containsExactly(null, null, 2.0, null, 4.0);
        assertThat(even.containsKey("times")).isFalse();
    }

    @Test
    void replicationsAndVariationsNeedNoResentWorld() {
        ok("create_world", Map.of("name", "draws", "seed", 1, "params", Map.of("rate", 0.5, "label", "a"),
                "scripts", Map.of("d", Map.of("language", "lua", "source", """
                        function init(e) e.state.first = e.random(1, 1000000) end
                        function update(e, inbox) e.state.rate = e.params.rate end
                        """)), "entities", List.of(Map.of("script", "d", "count", 3))));
        McpSchema.CallToolResult copy = ok("copy_world", Map.of("source_world_name", "draws", "target_world_name",
                "draws-7", "seed", 7, "params", Map.of("rate", 0.9)));
        assertThat(text(copy)).contains("rebuilt from its definition", "seed 7");
        Object first = state("draws", "d-1").get("first");
        assertThat(state("draws-7", "d-1").get("first")).isNotEqualTo(first);
        ok("advance_simulation", Map.of("world_name", "draws-7", "num_steps", 1));
        assertThat(state("draws-7", "d-1")).containsEntry("rate", 0.9);
        assertThat(error("copy_world", Map.of("source_world_name", "draws", "target_world_name", "x", "params",
                Map.of("rtae", 1)))).contains("params.rtae", "no param 'rtae'", "rate", "label", "set_params");

        ok("set_params", Map.of("world_name", "draws", "params", Map.of("rate", 0.25)));
        ok("advance_simulation", Map.of("world_name", "draws", "num_steps", 1));
        assertThat(state("draws", "d-2")).containsEntry("rate", 0.25).containsEntry("first", first.equals(
                state("draws", "d-2").get("first")) ? first : state("draws", "d-2").get("first"));
        ok("set_entity_state", Map.of("world_name", "draws", "entity_id", "d-1", "state", Map.of("note", "hi"),
                "merge", true));
        assertThat(state("draws", "d-1")).containsEntry("note", "hi").containsEntry("first", first);
        McpSchema.CallToolResult all = ok("set_entity_state", Map.of("world_name", "draws", "script", "d",
                "state", Map.of("flag", true), "merge", true));
        assertThat(data(all)).containsEntry("changed", 3);
        assertThat(state("draws", "d-3")).containsEntry("flag", true).containsKey("first");
        assertThat(error("set_entity_state", Map.of("world_name", "draws", "state", Map.of())))
                .contains("give entity_id", "or script");
    }

    private static Map<String, Object> state(String world, String id) {
        return (Map<String, Object>) data(ok("get_entity_state", Map.of("world_name", world, "entity_id", id))).get("state");
    }

    @Test
    void examplesStartByNameAndTyposAreNamed() {
        McpSchema.CallToolResult created = ok("create_world", Map.of("example", "boltzmann-wealth", "seed", 3));
        assertThat(data(created)).containsEntry("world_name", "boltzmann-wealth").containsEntry("seed", 3);
        ok("advance_simulation", Map.of("world_name", "boltzmann-wealth", "num_steps", 5));
        assertThat(error("create_world", Map.of("example", "boltzman"))).contains("no example 'boltzman'",
                "boltzmann-wealth", "sir-epidemic");

        ok("create_world", Map.of("name", "typo", "scripts", Map.of("c", Map.of("language", "lua", "source",
                "function update(e, inbox) e.send('bank-01', 'deposit', 5) end")), "entities",
                List.of(Map.of("id", "bank-1", "script", "c"))));
        McpSchema.CallToolResult r = ok("advance_simulation", Map.of("world_name", "typo", "num_steps", 3));
        assertThat(data(r)).containsEntry("unknown_recipients", List.of("bank-01"));
        assertThat(text(r)).contains("never existed (typos?): bank-01");
    }
}
