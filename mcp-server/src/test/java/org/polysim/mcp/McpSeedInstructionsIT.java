package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.polysim.engine.World;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every Lua example in the seed project's MCP instructions (vivarium {@code docs/mcp/instructions.md}), written in the
 * seed's own world format (our fixtures under {@code seed-instructions/}, the same shapes), run both ways a user
 * runs them: {@code polysim run} of the packaged application, and {@code create_world} + {@code advance_simulation}
 * through the packaged server. Pins what the seed documents, not only its test configs.
 */
class McpSeedInstructionsIT extends ServerSession {

    private static final Path FIXTURES = Path.of("src/test/resources/seed-instructions");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture(String name) throws IOException {
        return new YAMLMapper().readValue(FIXTURES.resolve(name).toFile(), Map.class);
    }

    /** {@code polysim run FILE --steps N --log 200} as a process; returns its stdout, having checked exit 0. */
    private static String polysimRun(String fixture, int steps, Path snapshot) throws Exception {
        List<String> cmd = new ArrayList<>(ServerProcess.app("run", FIXTURES.resolve(fixture).toString(),
                "--steps", String.valueOf(steps), "--log", "200", "--out", snapshot.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        var err = p.getErrorStream();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("polysim run " + fixture + "\n" + out + errText).isZero();
        return out;
    }

    /** The ticks at which a log line reading {@code text} was written by {@code entity}. */
    private static List<Long> ticksOf(List<String> lines, String entity, String text) {
        Pattern p = Pattern.compile("\\[t=(\\d+) " + Pattern.quote(entity) + "] " + Pattern.quote(text) + "$");
        List<Long> ticks = new ArrayList<>();
        for (String line : lines) {
            Matcher m = p.matcher(line.strip());
            if (m.find()) {
                ticks.add(Long.parseLong(m.group(1)));
            }
        }
        return ticks;
    }

    @SuppressWarnings("unchecked")
    private static List<String> serverLog(String world) {
        var lines = (List<Map<String, Object>>) data(ok("get_log", Map.of("world_name", world, "tail", 500)))
                .get("lines");
        return lines.stream().map(l -> "[t=" + ((Number) l.get("time")).longValue() + " " + l.get("entity") + "] "
                + l.get("text")).toList();
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long t = from; t <= to; t++) {
            out.add(t);
        }
        return out;
    }

    /** The exchange the instructions describe: B hears A's position from tick 2 on, A hears B's status from 3. */
    private static void assertTheExchange(List<String> log) {
        assertThat(ticksOf(log, "agent_b", "Agent B received position")).isEqualTo(range(2, 10));
        assertThat(ticksOf(log, "agent_b", "  Position: (10, 20)")).isEqualTo(range(2, 10));
        assertThat(ticksOf(log, "agent_a", "Agent A received status")).isEqualTo(range(3, 10));
        assertThat(ticksOf(log, "agent_a", "  Health: 100")).isEqualTo(range(3, 10));
        assertThat(ticksOf(log, "agent_a", "  Position: (15, 25)")).isEqualTo(range(3, 10));
    }

    @Test
    void theDocumentedExampleRunsTenTicksThroughPolysimRun() throws Exception {
        Path snapshot = workspace.resolve("example.final.yaml");
        String out = polysimRun("example-scenario.yaml", 10, snapshot);
        assertTheExchange(out.lines().toList());
        try (World w = World.load(snapshot)) {
            assertThat(w.entityState("agent_a").orElseThrow().toString())
                    .isEqualTo("{\"pos_x\":10,\"pos_y\":20,\"velocity\":2.5}");
            assertThat(w.entityState("agent_b").orElseThrow().toString())
                    .isEqualTo("{\"health\":100,\"pos_x\":15,\"pos_y\":25}");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedExampleRunsTenTicksThroughTheTools() throws Exception {
        Map<String, Object> world = fixture("example-scenario.yaml");
        ok("create_world", world);
        var a = (Map<String, Object>) data(ok("get_entity_state", Map.of("world_name", "seed_example",
                "entity_id", "agent_a"))).get("state");
        assertThat(a).isEqualTo(Map.of("pos_x", 10, "pos_y", 20, "velocity", 2.5));
        ok("advance_simulation", Map.of("world_name", "seed_example", "num_steps", 10));
        assertTheExchange(serverLog("seed_example"));
        a = (Map<String, Object>) data(ok("get_entity_state", Map.of("world_name", "seed_example",
                "entity_id", "agent_a"))).get("state");
        assertThat(a).isEqualTo(Map.of("pos_x", 10, "pos_y", 20, "velocity", 2.5));
    }

    /** The API reference's examples: what each prints and records, the same through both paths. */
    private static void assertTheApiExamples(List<String> log) {
        // delay 0 is delivered at the next step, as in the seed
        assertThat(ticksOf(log, "agent1", "Received: hello from caller")).isEqualTo(range(2, 6));
        assertThat(ticksOf(log, "agent2", "Status from caller: health 100 at (10, 20)")).isEqualTo(range(2, 6));
    }

    @Test
    void theApiReferenceExamplesRunThroughPolysimRun() throws Exception {
        Path snapshot = workspace.resolve("api.final.yaml");
        String out = polysimRun("api-reference.yaml", 6, snapshot);
        assertTheApiExamples(out.lines().toList());
        try (World w = World.load(snapshot)) {
            assertApiWorld(w);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiReferenceExamplesRunThroughTheTools() throws Exception {
        ok("create_world", fixture("api-reference.yaml"));
        ok("advance_simulation", Map.of("world_name", "seed_api", "num_steps", 3));
        // spawn_entity with a state starts from it; without one, from the globals its script's top level set
        assertThat(data(ok("get_entity_state", Map.of("world_name", "seed_api", "entity_id", "listener-1")))
                .get("state")).isEqualTo(Map.of("health", 50, "position", Map.of("x", 1, "y", 1), "active", false));
        assertThat(data(ok("get_entity_state", Map.of("world_name", "seed_api", "entity_id", "listener-2")))
                .get("state")).isEqualTo(Map.of("health", 100, "position", Map.of("x", 0, "y", 0), "active", true));
        ok("advance_simulation", Map.of("world_name", "seed_api", "num_steps", 3));
        assertTheApiExamples(serverLog("seed_api"));
        Path saved = workspace.resolve("api-saved.json");
        ok("save_world_snapshot_to_file", Map.of("world_name", "seed_api", "file_path", "api-saved.json"));
        try (World w = World.load(saved)) {
            assertApiWorld(w);
        }
    }

    private static void assertApiWorld(World w) {
        // the spawned listeners (one with a state, one from its globals) were destroyed at t = 4, after the updates
        assertThat(w.entityIds(null)).containsExactly("agent1", "agent2", "caller");
        var entities = w.metric("entities").orElseThrow();
        assertThat(entities.last()).isEqualTo(3.0);
        assertThat(w.entityState("agent1").orElseThrow().toString())
                .isEqualTo("{\"active\":true,\"health\":100,\"position\":{\"x\":0,\"y\":0}}");
        assertThat(w.entityState("agent2").orElseThrow().toString()).isEqualTo("{\"last_health\":100}");
        assertThat(w.entityState("caller").orElseThrow().toString()).isEqualTo("{\"spawned\":2}");
    }
}
