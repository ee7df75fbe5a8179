package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * trace_entity on a busy entity (issue 23, item 4): narrowed by ticks, kinds and a cap on the messages listed per
 * tick, each list with its total; and when the whole of it is asked for, a cut that keeps the declared shape.
 */
@SuppressWarnings("unchecked")
class McpTraceIT extends ServerSession {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TALKERS = 200;

    /** A hub that 200 talkers message every tick, each message about 200 bytes: 5 traced ticks of 200 messages. */
    @BeforeAll
    static void busyWorld() {
        ok("create_world", Map.of("name", "busy", "scripts", Map.of(
                        "hub", Map.of("language", "lua", "source", """
                                function update(e, inbox)
                                  e.state.heard = #inbox
                                  e.send(inbox[1] and inbox[1].from or "talker-1", "ack", {})
                                end"""),
                        "talker", Map.of("language", "lua", "source", """
                                function update(e, inbox)
                                  e.send("hub", "hello", {words = string.rep("w", 120), at = e.time})
                                end""")),
                "entities", List.of(Map.of("id", "hub", "script", "hub"), Map.of("script", "talker", "count",
                        TALKERS))));
        ok("advance_simulation", Map.of("world_name", "busy", "num_steps", 8));
    }

    private static List<Map<String, Object>> steps(McpSchema.CallToolResult r) {
        return (List<Map<String, Object>>) data(r).get("steps");
    }

    @Test
    void aBusyEntitysTraceListsTheFirstMessagesOfEachTickAndCountsThemAll() {
        McpSchema.CallToolResult r = ok("trace_entity", Map.of("world_name", "busy", "entity_id", "hub"));
        assertThat(data(r)).doesNotContainKey("cut").containsEntry("steps_total", 5);
        assertThat(steps(r)).hasSize(5).allSatisfy(s -> {
            assertThat((List<Object>) s.get("received")).hasSize(10) /* max_messages by default */;
            assertThat(s).containsEntry("received_total", TALKERS).containsEntry("actions_total", 1)
                    .containsKeys("changes", "actions");
        });
        assertThat(text(r)).contains("received " + TALKERS + " ('hello' from talker-1");
    }

    @Test
    void ticksKindsAndMaxMessagesNarrowIt() {
        McpSchema.CallToolResult newest = ok("trace_entity", Map.of("world_name", "busy", "entity_id", "hub",
                "ticks", 2, "kinds", List.of("messages"), "max_messages", 3));
        assertThat(data(newest)).containsEntry("steps_total", 5);
        assertThat(steps(newest)).extracting(s -> ((Number) s.get("tick")).intValue()).containsExactly(7, 8);
        assertThat(steps(newest)).allSatisfy(s -> {
            assertThat(s).containsOnlyKeys("tick", "time", "received", "received_total");
            assertThat((List<Object>) s.get("received")).hasSize(3);
        });
        assertThat(text(newest)).contains("2 ticks of 5 recorded");

        McpSchema.CallToolResult counts = ok("trace_entity", Map.of("world_name", "busy", "entity_id", "hub",
                "kinds", List.of("state", "actions"), "max_messages", 0));
        assertThat(steps(counts)).hasSize(5).allSatisfy(s -> assertThat(s).doesNotContainKeys("received",
                "received_total"));
        assertThat(steps(counts).getFirst()).containsKey("state_before");

        assertThat(error("trace_entity", Map.of("world_name", "busy", "entity_id", "hub", "kinds",
                List.of("mesages")))).contains("unknown kind 'mesages'", "messages, state, actions");
        assertThat(error("trace_entity", Map.of("world_name", "busy", "entity_id", "hub", "ticks", 0)))
                .contains("ticks");
    }

    @Test
    void everythingAskedForIsCutToTheBudgetKeepingTheDeclaredShape() {
        McpSchema.CallToolResult all = ok("trace_entity", Map.of("world_name", "busy", "entity_id", "hub",
                "max_messages", 100_000));
        assertThat(JSON.writeValueAsBytes(all).length).isLessThanOrEqualTo(64 * 1024);
        assertThat(steps(all)).isNotEmpty().allSatisfy(s -> assertThat(s).containsEntry("received_total", TALKERS));
        Map<String, Object> cut = (Map<String, Object>) data(all).get("cut");
        assertThat(cut).isNotNull();
        assertThat((List<Map<String, Object>>) cut.get("places")).isNotEmpty().allSatisfy(p ->
                assertThat((String) p.get("path")).startsWith("/steps"));

        McpSchema.Tool declared = client.listTools().tools().stream().filter(t -> t.name().equals("trace_entity"))
                .findFirst().orElseThrow();
        JsonSchemaValidator.ValidationResponse valid = new DefaultJsonSchemaValidator().validate(
                declared.outputSchema(), all.structuredContent());
        assertThat(valid.valid()).as(valid.errorMessage()).isTrue();
    }
}
