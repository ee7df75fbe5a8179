package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.call;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an LLM writing scripts hits first, through the packaged server: numbers it computes, top-level bindings. */
class McpLanguageValuesIT extends ServerSession {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(String world, String entity) {
        return (Map<String, Object>) data(ok("get_entity_state", Map.of("world_name", world, "entity_id", entity)))
                .get("state");
    }

    @Test
    void integersPythonComputesAreStoredSentAndSpawnedAsIntegers() {
        ok("create_world", Map.of("name", "dice", "seed", 3,
                "scripts", Map.of("dice", Map.of("language", "python", "source", """
                        def update(e, inbox):
                            if e.time == 1:
                                e.send(e.id, "ping", 1)
                                e.send(e.id, "ping", 2)
                            elif e.time == 2:
                                v = {"roll": e.random(1, 6), "sum": sum([1, 2, 3]), "round": round(2.6),
                                     "pow31": 2**31, "inbox": len(inbox)}
                                e.state["values"] = v
                                e.send(e.id, "values", v)
                                e.spawn("dice", {"values": v})
                            for m in inbox:
                                if m.kind == "values":
                                    e.state["received"] = m.content
                        """)),
                "entities", List.of(Map.of("script", "dice"))));
        ok("advance_simulation", Map.of("world_name", "dice", "num_steps", 3));

        Map<String, Object> parent = state("dice", "dice-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) parent.get("values");
        // the JSON the client reads: 3, not 3.0; an int stays an int, a long a long
        assertThat(values).containsEntry("sum", 6).containsEntry("round", 3).containsEntry("pow31", 2147483648L)
                .containsEntry("inbox", 2);
        assertThat(values.get("roll")).isInstanceOf(Integer.class);
        assertThat((Integer) values.get("roll")).isBetween(1, 6);
        assertThat(parent.get("received")).as("message content").isEqualTo(values);
        assertThat(state("dice", "dice-2").get("values")).as("spawn state").isEqualTo(values);
    }

    @Test
    void reassigningATopLevelLetInJavaScriptIsAnErrorNamingTheBinding() {
        ok("create_world", Map.of("name", "tally", "scripts", Map.of("counter", Map.of("language", "js", "source", """
                let total = 0;
                function update(e, inbox) {
                  total = total + 1;
                  e.state.total = total;
                }
                """)), "entities", List.of(Map.of("script", "counter", "count", 2))));
        McpSchema.CallToolResult r = call(client, "advance_simulation", Map.of("world_name", "tally",
                "num_steps", 1));
        assertThat(r.isError()).as(text(r)).isTrue();
        assertThat(text(r)).contains("'total'", "counter-1", "line 3", "e.state");
        assertThat(state("tally", "counter-1")).isEmpty();
    }
}
