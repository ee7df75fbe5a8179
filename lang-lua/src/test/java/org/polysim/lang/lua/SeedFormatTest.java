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

    /** The seed project's own form of a world file: {@code script_library} maps each script id to its entry. */
    static final String RELAY_WORLD = """
            name: relay
            script_library:
              runner:
                id: runner
                kind: lua
                script: |
                  local laps = 0
                  local next_id = ""

                  function update(current_time, msgs)
                      for _, msg in ipairs(msgs) do
                          if msg.kind == "baton" then
                              laps = laps + 1
                              world.record_metric("hops", msg.content.hops)
                              self.send_msg(next_id, "baton", {hops = msg.content.hops + 1}, 2)
                          end
                      end
                      world.record_metric("laps", laps)
                  end

                  function get_state()
                      return {laps = laps, next = next_id}
                  end

                  function set_state(state)
                      laps = state.laps
                      next_id = state.next
                  end
              starter:
                id: starter
                kind: lua
                script: |
                  local fired = false
                  function update(current_time, msgs)
                      if not fired then
                          self.send_msg("r1", "baton", {hops = 0}, 1)
                          fired = true
                      end
                  end
                  function get_state() return {fired = fired} end
                  function set_state(state) fired = state.fired end
            entities:
              - id: r1
                script_id: runner
                initial_state: {laps: 0, next: r2}
              - id: r2
                script_id: runner
                initial_state: {laps: 0, next: r1}
              - id: gun
                script_id: starter
                initial_state: {fired: false}
            """;

    /**
     * The relay after 5 ticks as the seed project saves a snapshot (serde's YAML: entities in hash order, variant
     * tags, metric points as [time, value] pairs). A Radius2D broadcast is pending too.
     */
    static final String RELAY_SNAPSHOT_AT_5 = """
            configuration:
              name: relay
              script_library:
                starter:
                  id: starter
                  kind: lua
                  script: |
            %s
                runner:
                  id: runner
                  kind: lua
                  script: |
            %s
              entities:
              - id: r2
                script_id: runner
                initial_state:
                  laps: 1
                  next: r1
              - id: r1
                script_id: runner
                initial_state:
                  laps: 1
                  next: r2
              - id: gun
                script_id: starter
                initial_state:
                  fired: true
            simulation_time: 5
            metrics:
              metrics:
                hops:
                - - 2
                  - 0.0
                - - 4
                  - 1.0
                laps:
                - - 1
                  - 0.0
                - - 2
                  - 1.0
                - - 3
                  - 1.0
                - - 4
                  - 2.0
                - - 5
                  - 2.0
            pending_messages:
            - sender: r2
              receiver: !Entity
                id: r1
              content:
                hops: 2
              kind: baton
              receive_step: 6
            - sender: gun
              receiver: !Radius2D
                x: 0.0
                y: 0.0
                radius: 5.0
              content: {}
              kind: noise
              receive_step: 6
            """.formatted(script("starter", 10), script("runner", 10));

    /** A script's text from {@link #RELAY_WORLD}, indented by {@code indent}. */
    private static String script(String id, int indent) {
        String code = WorldFiles.parse(RELAY_WORLD, false, "relay").path("script_library").path(id).path("script")
                .stringValue();
        return code.indent(indent).stripTrailing();
    }

    private static World load(Path dir) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, SEED_WORLD);
        return World.load(file);
    }

    private static World file(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return World.load(file);
    }

    @Test
    void aScriptLibraryMappingIdsToScriptsRuns(@TempDir Path dir) throws Exception {
        World w = file(dir, "relay.yaml", RELAY_WORLD);
        w.advance(8);
        // the baton leaves the gun at tick 1, reaches r1 at 2, then goes back and forth every 2 ticks
        assertThat(w.metric("hops").orElseThrow().times()).containsExactly(2, 4, 6, 8);
        assertThat(w.metric("hops").orElseThrow().values()).containsExactly(0, 1, 2, 3);
        assertThat(w.metric("laps").orElseThrow().values()).containsExactly(0, 1, 1, 2, 2, 3, 3, 4);
        assertThat(w.entityState("r1").orElseThrow().path("laps").asInt()).isEqualTo(2);
    }

    @Test
    void aSeedSnapshotLoadsItsTimeMetricsAndPendingMessagesAndGoesOnAsIfNeverStopped(@TempDir Path dir)
            throws Exception {
        World resumed = file(dir, "relay-5.yaml", RELAY_SNAPSHOT_AT_5);
        assertThat(resumed.time()).isEqualTo(5);
        assertThat(resumed.metric("hops").orElseThrow().times()).containsExactly(2, 4);
        assertThat(resumed.metric("laps").orElseThrow().values()).containsExactly(0, 1, 1, 2, 2);
        assertThat(resumed.pending()).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("r2");
            assertThat(m.to()).isEqualTo("r1");
            assertThat(m.content().path("hops").asInt()).isEqualTo(2);
            assertThat(m.deliverTick()).isEqualTo(6);
        });
        // a broadcast has no counterpart here and the seed never delivered them either: dropped, and counted
        assertThat(resumed.droppedMessages()).isEqualTo(1);
        resumed.advance(3);

        World whole = file(dir, "relay.yaml", RELAY_WORLD);
        whole.advance(8);
        for (String metric : whole.metricNames()) {
            // the seed's snapshot has no engine population counts before it: they start at its time, 5
            int skip = metric.startsWith("entities.") ? 5 : 0;
            double[] values = whole.metric(metric).orElseThrow().values();
            double[] times = whole.metric(metric).orElseThrow().times();
            assertThat(resumed.metric(metric).orElseThrow().values()).as(metric)
                    .containsExactly(java.util.Arrays.copyOfRange(values, skip, values.length));
            assertThat(resumed.metric(metric).orElseThrow().times()).as(metric)
                    .containsExactly(java.util.Arrays.copyOfRange(times, skip, times.length));
        }
        for (String id : whole.entityIds(null)) {
            assertThat(resumed.entityState(id)).as(id).isEqualTo(whole.entityState(id));
        }
    }

    @Test
    void aSeedSnapshotSavesAsAPolysimSnapshotThatResumesExactly(@TempDir Path dir) throws Exception {
        World seed = file(dir, "relay-5.yaml", RELAY_SNAPSHOT_AT_5);
        Path ours = dir.resolve("relay-5.polysim.json");
        WorldFiles.write(seed.snapshot(), ours);
        World reloaded = World.load(ours);
        seed.advance(4);
        reloaded.advance(4);
        assertThat(WorldFiles.toJson(reloaded.snapshot())).isEqualTo(WorldFiles.toJson(seed.snapshot()));
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
    void theSeedApiIsCalledVivariumAndTheOlderNameStillLoads(@TempDir Path dir) throws Exception {
        String world = """
                name: named
                scripts:
                  old: { language: lua, api: %s, source: "function update(t, msgs) n = (n or 0) + 1 end" }
                entities: [ { script: old } ]
                """;
        for (String api : new String[] {"seed", "vivarium"}) {
            World w = file(dir, api + ".yaml", world.formatted(api));
            w.advance(2);
            assertThat(w.snapshot().path("scripts").path("old").path("api").asString()).isEqualTo("vivarium");
        }
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

    @Test
    void theSeedsOwnSpawnEntityNamesTheNewEntityAndItCanBeDestroyedInTheSameTick() throws Exception {
        World w = LuaWorlds.yaml("""
                name: nursery
                script_library:
                  mother:
                    kind: lua
                    script: |
                      function update(current_time, msgs)
                        if current_time == 1 then
                          self.spawn_entity("calf-" .. current_time, "calf", {age = 0})
                          self.spawn_entity("doomed", "calf")
                          self.destroy("doomed")
                        end
                        if current_time == 2 then self.spawn_entity("calf-1", "calf", {}) end
                      end
                  calf:
                    kind: lua
                    script: |
                      age = 0
                      function get_state() return {age = age} end
                      function set_state(s) age = s.age or 0 end
                      function update(current_time, msgs) age = age + 1 end
                entities:
                  - { id: mother, script_id: mother, initial_state: {} }
                """);
        w.advance(1);
        assertThat(w.entityIds(null)).containsExactly("mother", "calf-1");
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.getMessage()).contains("entity 'calf-1' exists already", "choose another id");
        assertThat(w.entityState("calf-1").orElseThrow().get("age").intValue()).isZero();
    }

    @Test
    void aSeedBroadcastReachesEveryoneWithinItsRadiusWhenItArrives() throws Exception {
        // the seed declared broadcast_msg(x, y, radius, kind, content) and never delivered it; here it is a
        // broadcast in space: everyone within radius of (x, y) at delivery, nearest first, the sender left out
        World w = LuaWorlds.yaml("""
                name: radio
                space: { kind: continuous, width: 100, height: 100 }
                scripts:
                  radio:
                    language: lua
                    api: vivarium
                    source: "function update(t, msgs) if t == 1 then self.broadcast_msg(10, 10, 5, 'hi', {n = 7}) end end"
                  ear:
                    language: lua
                    api: vivarium
                    source: |
                      heard = {}
                      function get_state() return {heard = heard} end
                      function set_state(s) heard = s.heard or {} end
                      function update(t, msgs)
                        for _, m in ipairs(msgs) do heard[#heard + 1] = m.sender .. ':' .. m.kind .. ':' .. m.content.n end
                      end
                entities:
                  - { id: r, script: radio, at: [10, 10] }
                  - { id: near, script: ear, at: [13, 10] }
                  - { id: edge, script: ear, at: [10, 15] }
                  - { id: far, script: ear, at: [16, 10] }
                """);
        w.advance(3);
        assertThat(w.entityState("near").orElseThrow().path("heard").toString()).isEqualTo("[\"r:hi:7\"]");
        assertThat(w.entityState("edge").orElseThrow().path("heard").toString()).isEqualTo("[\"r:hi:7\"]");
        assertThat(w.entityState("far").orElseThrow().path("heard").size()).isZero();
    }
}
