package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The response budget's cut keeps every tool's structured result valid against the output schema the tool declares
 * in {@code tools/list}: it drops items, fields and characters and reports them under {@code cut}, never puts a note
 * of another type into a typed list. Each tool is called once on a world big enough to give it something to cut,
 * and its result is cut to ever smaller budgets (the budget is the server's one setting; here it is handed in).
 */
class CutKeepsOutputSchemaTest {

    @TempDir
    Path workspace;

    private static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator();

    /** A hub that every talker messages each tick; states with long lists and strings; a grid with a layer. */
    private static final Map<String, Object> BUSY = Map.of("name", "busy", "seed", 3,
            "params", Map.of("note", "n".repeat(3000), "rate", 1),
            "space", Map.of("kind", "grid", "width", 30, "height", 30),
            "layers", Map.of("grass", Map.of("initial", 1, "max", 1, "regrow", 0.1)),
            "network", Map.of("generator", Map.of("kind", "barabasi_albert", "m", 3)),
            "scripts", Map.of(
                    "hub", Map.of("language", "lua", "source", """
                            function update(e, inbox)
                              e.state.heard = #inbox
                              e.state.memory = {}
                              for i = 1, 300 do e.state.memory[i] = i * e.time end
                              for _, m in ipairs(inbox) do e.send(m.from, "ack", {text = string.rep("a", 40)}) end
                              e.log(string.rep("hub line ", 30))
                              e.metric("heard", #inbox)
                            end"""),
                    "talker", Map.of("language", "lua", "source", """
                            function update(e, inbox)
                              e.send("hub", "hello", {words = string.rep("w", 60), n = e.time})
                              e.metric("talk", 1)
                              e.metric("talk_" .. string.sub(e.id, 8), e.time)
                              e.log("said hello " .. string.rep("x", 80))
                            end""")),
            "entities", List.of(Map.of("id", "hub", "script", "hub", "state", Map.of("text", "t".repeat(5000))),
                    Map.of("script", "talker", "count", 40, "state", Map.of("bio", "b".repeat(200)))));

    @Test
    void everyToolsResultStaysValidAgainstItsDeclaredOutputSchemaWhenCut() throws Exception {
        ServerState state = new ServerState(new Workspace(workspace));
        Map<String, Tool> tools = PolysimServer.tools(state).stream()
                .collect(Collectors.toMap(Tool::name, t -> t, (a, b) -> a, LinkedHashMap::new));

        Map<String, Map<String, Object>> calls = new LinkedHashMap<>(); // in an order where each finds its world
        calls.put("create_world", BUSY);
        calls.put("advance_simulation", Map.of("world_name", "busy", "num_steps", 4));
        calls.put("copy_world", Map.of("source_world_name", "busy", "target_world_name", "copy"));
        calls.put("set_params", Map.of("world_name", "copy", "params", Map.of("rate", 2)));
        calls.put("list_worlds", Map.of());
        calls.put("get_world_state", Map.of("world_name", "busy"));
        calls.put("list_entities", Map.of("world_name", "busy", "include_states", true));
        calls.put("get_entity_state", Map.of("world_name", "busy", "entity_id", "hub"));
        calls.put("set_entity_state", Map.of("world_name", "copy", "entity_id", "hub", "state",
                Map.of("memory", List.of(1, 2)), "merge", true));
        calls.put("spawn_entity", Map.of("world_name", "copy", "script", "talker", "state",
                Map.of("bio", "s".repeat(3000)), "links", List.of("hub", List.of("talker-2", 0.5))));
        calls.put("remove_entity", Map.of("world_name", "copy", "entity_id", "talker-1"));
        calls.put("update_script", Map.of("world_name", "copy", "script", "extra", "language", "lua",
                "source", "-- " + "c".repeat(2000) + "\nfunction update(e, inbox) end"));
        calls.put("get_script", Map.of("world_name", "copy", "script", "extra"));
        calls.put("trace_entity", Map.of("world_name", "busy", "entity_id", "hub"));
        calls.put("list_metrics", Map.of("world_name", "busy"));
        calls.put("get_metric", Map.of("world_name", "busy", "metric_name", "heard"));
        calls.put("get_metrics", Map.of("world_name", "busy"));
        calls.put("get_log", Map.of("world_name", "busy"));
        calls.put("get_messages", Map.of("world_name", "busy"));
        calls.put("get_space", Map.of("world_name", "busy"));
        calls.put("get_network", Map.of("world_name", "busy", "links", 500));
        calls.put("render_world", Map.of("world_name", "busy"));
        calls.put("view_world", Map.of("world_name", "busy"));
        calls.put("plot_metrics", Map.of("world_name", "busy"));
        calls.put("export_metrics", Map.of("world_name", "busy", "file_path", "m.csv"));
        calls.put("export_entities", Map.of("world_name", "busy", "file_path", "e.csv", "table", "links"));
        calls.put("create_world_snapshot", Map.of("world_name", "busy", "label", "l".repeat(2000)));
        calls.put("list_snapshots", Map.of("world_name", "busy"));
        calls.put("save_world_snapshot_to_file", Map.of("world_name", "busy", "file_path", "busy.yaml"));
        calls.put("load_world_snapshot_from_file", Map.of("world_name", "loaded", "file_path", "busy.yaml"));
        calls.put("run_experiment", Map.of("experiment", Map.of("world", Map.of("name", "tiny", "scripts",
                Map.of("s", Map.of("language", "lua", "source", "function update(e, inbox) e.metric('x', "
                        + "e.params.k) end")), "entities", List.of(Map.of("script", "s")), "params", Map.of("k", 1)),
                "steps", 2, "vary", Map.of("k", List.of(1, 2, 3, 4, 5, 6, 7, 8)), "replications", 2, "seed", 1)));
        calls.put("restore_world_snapshot", null); // the id comes from create_world_snapshot
        calls.put("delete_world", Map.of("world_name", "copy"));
        assertThat(new TreeSet<>(calls.keySet())).as("a call for every tool").isEqualTo(new TreeSet<>(tools.keySet()));

        String snapshotId = null;
        for (var call : calls.entrySet()) {
            Tool tool = tools.get(call.getKey());
            Map<String, Object> args = call.getValue() != null ? call.getValue()
                    : Map.of("world_name", "busy", "snapshot_id", snapshotId);
            Tool.Result whole = tool.handler().handle(new Tool.Call(new Args(tool.name(), Json.toNode(args),
                    tool.input()), null, new McpSchema.CallToolRequest(tool.name(), args)));
            if (tool.name().equals("create_world_snapshot")) {
                snapshotId = whole.data().get("snapshot_id").stringValue();
            }
            Map<String, Object> schema = PolysimServer.declared(tool).outputSchema();
            assertValid(tool.name() + " uncut", schema, whole.data());
            int size = Fit.size(whole.data());
            int summary = whole.summary().getBytes(StandardCharsets.UTF_8).length;
            int uncut = 512 + summary + (whole.summaryIsComplete() ? size : 2 * size); // what fits it uncut
            int reported = 0;
            for (int budget : new int[] {uncut * 3 / 4, uncut / 2, uncut / 4, 600}) {
                Tool.Result fitted = PolysimServer.within(tool, whole, size, budget);
                JsonNode cut = fitted.data();
                String what = tool.name() + " (" + size + " bytes) cut to a budget of " + budget + " bytes";
                assertValid(what, schema, cut);
                String text = fitted.summaryIsComplete() ? fitted.summary() : fitted.summary() + "\n"
                        + Json.compact(cut); // as the server sends it: the text beside the structured content
                if (budget >= 4096) { // the smallest budget serve allows; below it a summary alone may not fit
                    assertThat(text.getBytes(StandardCharsets.UTF_8).length + Fit.size(cut)).as(what + ", text "
                            + "and structured content together").isLessThanOrEqualTo(budget);
                }
                if (cut != whole.data()) {
                    assertThat(cut.has(Fit.REPORT)).as(what + " reports its cut: " + cut).isTrue();
                    reported++;
                }
            }
            assertThat(reported).as(tool.name() + ": the smallest budget cuts its data").isPositive();
        }
    }

    private static void assertValid(String what, Map<String, Object> schema, JsonNode data) {
        JsonSchemaValidator.ValidationResponse v = VALIDATOR.validate(schema, Json.MAPPER.convertValue(data,
                Map.class));
        String json = Json.compact(data);
        assertThat(v.valid()).as(what + ": " + v.errorMessage() + "\n" + json.substring(0, Math.min(3000,
                json.length()))).isTrue();
    }
}
