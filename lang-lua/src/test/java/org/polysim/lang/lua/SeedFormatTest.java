package org.polysim.lang.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;

/** World files and Lua scripts written for the seed project run unchanged. */
class SeedFormatTest {

    static final String SEED_WORLD = """
            {
              "world_name": "seed-pings",
              "seed": 3,
              "script_library": [
                {"id": "pinger", "kind": "lua", "script": "count = 0\\nfunction set_state(s) count = s.count or 0 end\\nfunction get_state() return {count = count} end\\nfunction update(current_time, msgs)\\n  for i, msg in ipairs(msgs) do\\n    if msg.kind == 'ping' and msg.sender ~= self.id then count = count + msg.content.n end\\n  end\\n  for _, id in ipairs(world.list_entities()) do\\n    if id ~= self.id and id ~= 'mayor' then self.send_msg(id, 'ping', {n = 1}, 1) end\\n  end\\n  world.record_metric('pings_received', #msgs)\\n  if count > 100 then error('count overflow') end\\nend\\n"},
                {"id": "mayor", "kind": "lua", "script": "born = 0\\nfunction update(current_time, msgs)\\n  if current_time == 2 then\\n    local id = self.spawn_entity('pinger', {count = 0})\\n    born = born + 1\\n  end\\n  if current_time == 4 then self.destroy('p3') end\\n  world.record_metric('population', #world.list_entities())\\nend\\nfunction get_state() return {born = born} end\\nfunction set_state(s) born = s.born or 0 end\\n"}
              ],
              "entities": [
                {"id": "p1", "script_id": "pinger", "initial_state": {"count": 0}},
                {"id": "p2", "script_id": "pinger", "initial_state": {"count": 0}},
                {"id": "p3", "script_id": "pinger", "initial_state": {"count": 0}},
                {"id": "mayor", "script_id": "mayor", "initial_state": {}}
              ]
            }
            """;

    private static World load(Path dir) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, SEED_WORLD);
        return World.load(file);
    }

    @Test
    void aSeedWorldRunsAndItsMetricsAreWhatTheScriptsImply(@TempDir Path dir) throws Exception {
        World w = load(dir);
        assertThat(w.name()).isEqualTo("seed-pings");
        w.advance(5);
        // tick 1: nobody has mail. Each pinger pings the other pingers every tick (delay 1).
        // ticks 2-3: 3 pingers x 2 pings = 6. Tick 2 spawns pinger-1, which pings from tick 3 (3 more at tick 4)
        // and is pinged from tick 4. Tick 4 destroys p3 after it sent; tick 5: p1, p2, pinger-1 receive 2 each
        // from one another and 1 each from p3's last round, except p3's pings to itself (none) = 3 x 2 + 3 = 9.
        assertThat(w.metric("pings_received").orElseThrow().values()).containsExactly(0, 6, 6, 12, 9);
        assertThat(w.metric("population").orElseThrow().values()).containsExactly(4, 4, 5, 5, 4);
        assertThat(w.entityState("p1").orElseThrow().path("count").asInt()).isEqualTo(2 + 2 + 3 + 3);
        assertThat(w.entityState("mayor").orElseThrow().path("born").asInt()).isEqualTo(1);
        assertThat(w.entityIds(null)).containsExactly("p1", "p2", "mayor", "pinger-1");
    }

    @Test
    void aSeedWorldResumesFromASnapshotExactly(@TempDir Path dir) throws Exception {
        World whole = load(dir);
        whole.advance(6);
        World half = load(dir);
        half.advance(3);
        Path snap = dir.resolve("snap.yaml");
        WorldFiles.write(half.snapshot(), snap);
        World resumed = World.load(snap);
        resumed.advance(3);
        assertThat(WorldFiles.toJson(resumed.snapshot())).isEqualTo(WorldFiles.toJson(whole.snapshot()));
    }

    @Test
    void aFailedTickPutsSeedGlobalsBack(@TempDir Path dir) throws Exception {
        World w = load(dir);
        w.advance(3);
        String before = WorldFiles.toJson(w.snapshot());
        w.setEntityState("p2", (tools.jackson.databind.node.ObjectNode)
                WorldFiles.parse("{\"count\": 100}", true, "state"));
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.entity()).isEqualTo("p2");
        assertThat(e.cause()).contains("count overflow");
        assertThat(e.line()).isEqualTo(12);
        w.setEntityState("p2", (tools.jackson.databind.node.ObjectNode)
                WorldFiles.parse("{\"count\": 4}", true, "state"));
        assertThat(WorldFiles.toJson(w.snapshot())).isEqualTo(before);
        w.advance(1);
        // p1's global count was rolled back with its state: it gained exactly one tick of pings
        assertThat(w.entityState("p1").orElseThrow().path("count").asInt()).isEqualTo(4 + 3);
    }
}
