package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 23's runaway builtin, through the packaged server (a server of its own: the stuck call keeps a core busy
 * until the server ends). Python's {@code sum(range(10**9))} runs in host code that no watchdog can interrupt: the
 * run is given up on and the world rebuilt, the world is listed once (it was listed twice, once as still loading),
 * and list_worlds and get_world_state say that the call still runs, using a core, and for how long.
 */
class McpStuckCallIT extends ServerSession {

    @Test
    @SuppressWarnings("unchecked")
    void aStuckBuiltinIsListedAsStillRunningAndItsWorldOnlyOnce() throws Exception {
        ok("create_world", Map.of("name", "summer", "limits", Map.of("wall_ms", 1000),
                "scripts", Map.of("s", Map.of("language", "python", "source", """
                        def update(e, inbox):
                            e.state["total"] = sum(range(10 ** 9))
                        """)),
                "entities", List.of(Map.of("script", "s"))));
        String stopped = error("advance_simulation", Map.of("world_name", "summer", "num_steps", 3));
        assertThat(stopped).contains("cannot be interrupted", "list_worlds shows it");
        Thread.sleep(1500); // the rebuild of a one-entity world is done by now; the builtin is not

        var listed = ok("list_worlds", Map.of());
        List<Map<String, Object>> worlds = (List<Map<String, Object>>) data(listed).get("worlds");
        assertThat(worlds).extracting(w -> w.get("world_name")).containsExactly("summer");
        List<Map<String, Object>> stuck = (List<Map<String, Object>>) data(listed).get("stuck_calls");
        assertThat(stuck).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("world_name", "summer").containsEntry("entity", "s-1")
                    .containsEntry("language", "python");
            assertThat(((Number) s.get("seconds")).doubleValue()).isGreaterThan(2);
        });
        assertThat(text(listed)).contains("Still running inside a builtin", "entity 's-1' (python) for");
        assertThat(text(ok("get_world_state", Map.of("world_name", "summer"))))
                .contains("Still running inside a builtin", "entity 's-1' (python) for");

        ok("delete_world", Map.of("world_name", "summer"));
        var after = ok("list_worlds", Map.of());
        assertThat((List<Object>) data(after).get("worlds")).isEmpty();
        assertThat(text(after)).as("the deleted world's stuck call still uses a core: say so")
                .contains("world 'summer', entity 's-1' (python)");
    }
}
