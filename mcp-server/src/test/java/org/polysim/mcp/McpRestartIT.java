package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.call;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worlds outlive the server (DESIGN.md "Persistence"): killed with SIGKILL in the middle of a run and started again,
 * the server has every world as of its last completed call, and advancing it gives the same bytes as a server that
 * never died.
 */
class McpRestartIT {

    @TempDir
    Path dir;

    static final String LUA = """
            function init(e) e.state.cash = e.random(1, 100) end
            function update(e, inbox)
              for _, m in ipairs(inbox) do e.state.cash = e.state.cash + m.content.amount end
              local ids = e.entities()
              if e.state.cash > 0 then
                e.state.cash = e.state.cash - 1
                e.send(ids[e.random(1, #ids)], "pay", {amount = 1})
              end
              e.metric("cash", e.state.cash)
            end
            """;
    static final String JS = """
            function update(e, inbox) {
              e.state.seen = (e.state.seen || 0) + inbox.length + e.random(0, 3);
              e.metric('seen', e.state.seen);
            }
            """;
    static final String PY = """
            def update(e, inbox):
                e.state["n"] = e.state.get("n", 0) + e.random(1, 6)
                e.metric("n", e.state["n"])
            """;

    /** A world of each language, advanced, one edited, one snapshotted: the calls both servers get. */
    private static void build(McpSyncClient c) {
        ok(c, "create_world", Map.of("name", "lua-market", "seed", 4, "scripts", Map.of("t", Map.of("language", "lua",
                "source", LUA)), "entities", List.of(Map.of("script", "t", "count", 50))));
        ok(c, "create_world", Map.of("name", "js-counters", "seed", 5, "scripts", Map.of("c", Map.of("language", "js",
                "source", JS)), "entities", List.of(Map.of("script", "c", "count", 5))));
        ok(c, "create_world", Map.of("name", "py-dice", "seed", 6, "scripts", Map.of("d", Map.of("language",
                "python", "source", PY)), "entities", List.of(Map.of("script", "d", "count", 3))));
        ok(c, "advance_simulation", Map.of("world_name", "lua-market", "num_steps", 20));
        ok(c, "advance_simulation", Map.of("world_name", "js-counters", "num_steps", 7));
        ok(c, "advance_simulation", Map.of("world_name", "py-dice", "num_steps", 4));
        ok(c, "create_world_snapshot", Map.of("world_name", "lua-market", "label", "at twenty"));
        ok(c, "advance_simulation", Map.of("world_name", "lua-market", "num_steps", 5));
        ok(c, "set_entity_state", Map.of("world_name", "js-counters", "entity_id", "c-2", "state",
                Map.of("seen", 1000)));
        ok(c, "create_world", Map.of("name", "doomed", "scripts", Map.of("c", Map.of("language", "lua", "source",
                "function update(e, inbox) end")), "entities", List.of(Map.of("script", "c"))));
        ok(c, "delete_world", Map.of("world_name", "doomed"));
    }

    /** What both servers do after {@link #build}; each world's final state goes to a file. */
    private static void finish(McpSyncClient c, String tag) {
        for (String w : List.of("lua-market", "js-counters", "py-dice")) {
            ok(c, "advance_simulation", Map.of("world_name", w, "num_steps", 6));
            ok(c, "save_world_snapshot_to_file", Map.of("world_name", w, "file_path", "out/" + tag + "-" + w + ".json"));
        }
    }

    @Test
    void aKilledServerComesBackWithEveryWorldAsOfItsLastCompletedCall() throws Exception {
        Path survivor = dir.resolve("survivor");
        Path control = dir.resolve("control");

        McpSyncClient c = ServerProcess.client(survivor, null);
        build(c);
        ok(c, "create_world", Map.of("name", "slow", "limits", Map.of("instructions", 100_000_000), "scripts",
                Map.of("b", Map.of("language", "lua", "source", "function update(e, inbox) local x = 0 "
                        + "for i = 1, 300000 do x = x + i % 7 end e.state.x = x end")), "entities",
                List.of(Map.of("script", "b", "count", 4))));
        CompletableFuture<McpSchema.CallToolResult> run = CompletableFuture.supplyAsync(() ->
                call(c, "advance_simulation", Map.of("world_name", "slow", "num_steps", 100_000)));
        Thread.sleep(1500);
        ProcessHandle first = ServerProcess.process(survivor);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        for (int i = 0; i < 200 && first.isAlive(); i++) {
            Thread.sleep(50); // onExit() of a handle whose Process another thread reaps can take a minute to see it
        }
        assertThat(first.isAlive()).isFalse();
        try (var files = Files.list(survivor.resolve(".polysim/worlds"))) { // runs since the file: replayed at start
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.startsWith("lua-market-")
                    && f.endsWith(".journal"));
        }
        Thread.ofVirtual().start(c::close); // closing waits out the pending advance's time-out; nothing needs it
        assertThat(run.isDone() && !run.isCompletedExceptionally()).as("the run was cut short").isFalse();

        McpSyncClient again = ServerProcess.client(survivor, null);
        McpSchema.CallToolResult atStart = ok(again, "list_worlds", Map.of()); // some still loading
        assertThat(text(atStart)).contains("lua-market", "js-counters", "py-dice", "slow").doesNotContain("doomed");
        Map<String, Object> listed = data(atStart);
        assertThat(listed.toString()).contains("lua-market", "js-counters", "py-dice", "slow");
        Map<String, Object> slow = data(ok(again, "get_world_state", Map.of("world_name", "slow")));
        assertThat(slow).containsEntry("tick", 0); // the killed run never completed
        assertThat(text(ok(again, "list_snapshots", Map.of("world_name", "lua-market")))).contains("snap-1");
        assertThat(data(ok(again, "get_entity_state", Map.of("world_name", "js-counters", "entity_id", "c-2")))
                .get("state")).isEqualTo(Map.of("seen", 1000));
        finish(again, "survivor");
        ok(again, "restore_world_snapshot", Map.of("world_name", "lua-market", "snapshot_id", "snap-1"));
        assertThat(data(ok(again, "get_world_state", Map.of("world_name", "lua-market")))).containsEntry("tick", 20);
        again.closeGracefully();

        McpSyncClient ref = ServerProcess.client(control, null);
        build(ref);
        finish(ref, "control");
        ref.closeGracefully();

        for (String w : List.of("lua-market", "js-counters", "py-dice")) {
            assertThat(Files.readString(survivor.resolve("out/survivor-" + w + ".json")))
                    .as(w).isEqualTo(Files.readString(control.resolve("out/control-" + w + ".json")));
        }
    }

    @Test
    void anUnreadableWorldFileIsMovedAsideAndTheRestLoad() throws Exception {
        Path ws = dir.resolve("ws");
        McpSyncClient c = ServerProcess.client(ws, null);
        ok(c, "create_world", Map.of("name", "good", "scripts", Map.of("c", Map.of("language", "lua", "source",
                "function update(e, inbox) end")), "entities", List.of(Map.of("script", "c"))));
        c.closeGracefully();
        Path worlds = ws.resolve(".polysim/worlds");
        Files.writeString(worlds.resolve("torn-0000.json"), "{\"name\": \"torn\", \"entities\": [");

        McpSyncClient again = ServerProcess.client(ws, null);
        assertThat(text(ok(again, "list_worlds", Map.of()))).contains("good").doesNotContain("torn");
        again.closeGracefully();
        assertThat(worlds.resolve("torn-0000.json")).doesNotExist();
        try (var aside = Files.list(ws.resolve(".polysim/unreadable"))) {
            assertThat(aside.map(p -> p.getFileName().toString())).singleElement().asString()
                    .startsWith("torn-0000.json");
        }
    }

    @Test
    void anEphemeralServerKeepsNothing() throws Exception {
        Path ws = dir.resolve("eph");
        McpSyncClient c = ServerProcess.client(ws, null, "--ephemeral");
        ok(c, "create_world", Map.of("name", "fleeting", "scripts", Map.of("c", Map.of("language", "lua", "source",
                "function update(e, inbox) end")), "entities", List.of(Map.of("script", "c"))));
        c.closeGracefully();
        McpSyncClient again = ServerProcess.client(ws, null, "--ephemeral");
        assertThat(text(ok(again, "list_worlds", Map.of()))).contains("no worlds yet");
        again.closeGracefully();
        assertThat(ws.resolve(".polysim")).doesNotExist();
    }

    private static McpSchema.CallToolResult ok(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = call(c, tool, args);
        assertThat(r.isError()).as(tool + ": " + text(r)).isFalse();
        return r;
    }
}
