package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A script stuck in a builtin that no watchdog can interrupt (a giant number: host code, no safepoint) stops on
 * time through the packaged server: the call answers within twice the wall budget, the server answers other calls
 * meanwhile, and the world is as of its last completed tick, ready to be fixed and advanced.
 */
class McpRunawayIT extends ServerSession {

    private static final long WALL_MS = 2000;

    /** A world of one entity that counts its ticks and, from tick {@code stuckAt}, runs {@code stuck}. */
    private static void world(String name, String language, String source) {
        ok("create_world", Map.of("name", name, "limits", Map.of("wall_ms", WALL_MS),
                "scripts", Map.of("s", Map.of("language", language, "source", source)),
                "entities", List.of(Map.of("script", "s"))));
    }

    private static long ticks(String world) {
        return ((Number) data(ok("get_world_state", Map.of("world_name", world))).get("tick")).longValue();
    }

    /** Advances {@code world} into its stuck tick; returns the error text, having checked it came on time. */
    private static String stuckRun(String world) throws Exception {
        long start = System.nanoTime();
        var run = CompletableFuture.supplyAsync(() -> error("advance_simulation",
                Map.of("world_name", world, "num_steps", 10)));
        Thread.sleep(WALL_MS / 2);
        long other = System.nanoTime();
        ok("list_worlds", Map.of()); // the server answers meanwhile
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - other)).isLessThan(WALL_MS / 2);
        String text = run.get(30, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(millis).as("answered after %d ms: %s", millis, text).isLessThan(2 * WALL_MS);
        return text;
    }

    @Test
    void aGiantBigIntInJavaScriptStopsOnTimeAndKeepsTheTicksBeforeIt() throws Exception {
        world("bigint", "js", """
                function update(e, inbox) {
                  e.state.ticks = (e.state.ticks || 0) + 1;
                  if (e.time === 3 && !e.state.calm) {
                    e.state.digits = String(10n ** 6000000n).length;
                  }
                }
                """);
        String text = stuckRun("bigint");
        assertThat(text).contains("entity 's-1' (script 's', js)", "cannot be interrupted",
                "the world goes back to tick 2", "update_script");
        assertThat(ticks("bigint")).isEqualTo(2);
        assertThat(data(ok("get_entity_state", Map.of("world_name", "bigint", "entity_id", "s-1"))).get("state"))
                .isEqualTo(Map.of("ticks", 2));
        ok("set_entity_state", Map.of("world_name", "bigint", "entity_id", "s-1", "state", Map.of("calm", true)));
        ok("advance_simulation", Map.of("world_name", "bigint", "num_steps", 3));
        assertThat(ticks("bigint")).isEqualTo(5);
    }

    @Test
    void aHugePowerInPythonStopsOnTimeAndTheFixedScriptRuns() throws Exception {
        world("power", "python", """
                def update(e, inbox):
                    e.state["bits"] = (10 ** (2 * 10 ** 7)).bit_length()
                """);
        String text = stuckRun("power");
        assertThat(text).contains("entity 's-1' (script 's', python)", "the world goes back to tick 0");
        ok("update_script", Map.of("world_name", "power", "script", "s", "source", """
                def update(e, inbox):
                    e.state["ok"] = True
                """));
        ok("advance_simulation", Map.of("world_name", "power", "num_steps", 2));
        assertThat(ticks("power")).isEqualTo(2);
    }
}
