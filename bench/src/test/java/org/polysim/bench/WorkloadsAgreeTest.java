package org.polysim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.polysim.engine.Message;
import org.polysim.engine.World;

/**
 * The benchmark compares like with like only if every implementation of a workload does the same work: with the
 * same seed, the Java floor and the Lua, JavaScript and Python scripts must end in the same states and messages.
 */
class WorkloadsAgreeTest {

    private static final Path SCRIPTS = Path.of("workloads");
    private static final int N = 60;
    private static final int TICKS = 4;

    @ParameterizedTest
    @EnumSource(Workload.class)
    void everyLanguageComputesTheSame(Workload workload) throws Exception {
        Map<String, Object> snapshots = new LinkedHashMap<>();
        Map<String, Double> checks = new LinkedHashMap<>();
        for (String language : Bench.LANGUAGES) {
            try (World world = World.create(workload.world(language, N, SCRIPTS), null, "w")) {
                world.advance(TICKS);
                checks.put(language, workload.check(world));
                snapshots.put(language, outcome(world));
            }
        }
        assertThat(checks.values()).as("check numbers %s", checks).containsOnly(checks.get("java"));
        assertThat(snapshots.values()).as("entity states and pending messages").containsOnly(snapshots.get("java"));
        if (workload == Workload.WEALTH) {
            assertThat(checks.get("java")).as("wealth is conserved").isEqualTo(N);
        }
        if (workload == Workload.CHATTER) {
            // every tick each entity sends 1 + 2 + ... + FANOUT; all of it is either received or in flight
            assertThat(checks.get("java")).isEqualTo((double) N * TICKS * Workload.FANOUT * (Workload.FANOUT + 1) / 2);
        }
    }

    /** States and messages in flight as numbers: languages differ in key order and in int versus long nodes. */
    private static List<String> outcome(World world) {
        List<String> lines = new ArrayList<>();
        for (String id : world.entityIds(null)) {
            world.entityState(id).orElseThrow().properties().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(p -> lines.add(id + "." + p.getKey() + "=" + p.getValue().asDouble()));
        }
        for (Message m : world.pending()) {
            lines.add(m.seq() + " " + m.from() + ">" + m.to() + " " + m.kind() + " " + m.content().asDouble()
                    + " @" + m.deliverTick());
        }
        return lines;
    }
}
