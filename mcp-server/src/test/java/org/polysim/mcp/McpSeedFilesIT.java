package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed project's world files and snapshots, in its own schema, through the packaged server. */
class McpSeedFilesIT extends ServerSession {

    static final String TALLY = """
            local count = 0

            function update(current_time, msgs)
                for _, msg in ipairs(msgs) do
                    if msg.kind == "add" then
                        count = count + msg.content.n
                    end
                end
                count = count + 1
                world.record_metric("count", count)
            end

            function get_state()
                return {count = count}
            end

            function set_state(state)
                count = state.count
            end
            """;

    @SuppressWarnings("unchecked")
    private static List<Object> series(String world, String field) {
        return (List<Object>) data(ok("get_metric", Map.of("world_name", world, "metric_name", "count"))).get(field);
    }

    @Test
    void createWorldTakesTheSeedScriptLibraryAsAMapAndRuns() {
        ok("create_world", Map.of(
                "name", "tallies",
                "script_library", Map.of("tally", Map.of("id", "tally", "kind", "lua", "script", TALLY)),
                "entities", List.of(
                        Map.of("id", "t1", "script_id", "tally", "initial_state", Map.of("count", 0)),
                        Map.of("id", "t2", "script_id", "tally", "initial_state", Map.of("count", 10)))));
        ok("advance_simulation", Map.of("world_name", "tallies", "num_steps", 3));
        assertThat(series("tallies", "values")).containsExactly(12.0, 14.0, 16.0);
    }

    @Test
    void aSeedSnapshotInTheWorkspaceLoadsWithItsTimeMetricsAndPendingMessages() throws Exception {
        Files.writeString(workspace.resolve("tallies-4.yaml"), """
                configuration:
                  name: tallies
                  script_library:
                    tally:
                      id: tally
                      kind: lua
                      script: |
                %s
                  entities:
                  - id: t2
                    script_id: tally
                    initial_state:
                      count: 14
                  - id: t1
                    script_id: tally
                    initial_state:
                      count: 4
                simulation_time: 4
                metrics:
                  metrics:
                    count:
                    - - 1
                      - 12.0
                    - - 2
                      - 14.0
                    - - 3
                      - 16.0
                    - - 4
                      - 18.0
                pending_messages:
                - sender: t1
                  receiver: !Entity
                    id: t2
                  content:
                    n: 100
                  kind: add
                  receive_step: 5
                """.formatted(TALLY.indent(8).stripTrailing()));
        Map<String, Object> loaded = data(ok("load_world_snapshot_from_file", Map.of("world_name", "resumed",
                "file_path", "tallies-4.yaml")));
        assertThat(loaded).containsEntry("world_name", "resumed").containsEntry("time", 4.0)
                .containsEntry("pending_messages", 1);
        assertThat(series("resumed", "times")).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(series("resumed", "values")).containsExactly(12.0, 14.0, 16.0, 18.0);

        ok("advance_simulation", Map.of("world_name", "resumed", "num_steps", 1));
        // tick 5: t1 counts to 5; t2 gets the pending 100 and counts to 14 + 100 + 1
        assertThat(series("resumed", "values")).containsExactly(12.0, 14.0, 16.0, 18.0, 120.0);
    }
}
