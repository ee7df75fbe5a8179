package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.polysim.engine.Worlds.behaviour;

import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "One tick", step 5: a count that reaches zero reads zero. The engine records each script's population
 * every tick; a declared {@code missing} value fills a tick nobody recorded; every metric knows the time of its last
 * value, so a summary can say when that is not now.
 */
class MetricTruthTest {

    static {
        // records alive = 1 each tick and destroys itself at t = 5: the reproduction
        behaviour("mortal", e -> {
            e.metric("alive", 1);
            if (e.time() == 5) {
                e.destroy(null);
            }
        });
        behaviour("idle", e -> { });
        behaviour("bad-name", e -> e.metric("entities.mortal", 3));
    }

    private static final String MORTALS = """
            name: mortals
            scripts:
              mortal: { language: java-test, source: mortal }
              idle: { language: java-test, source: idle }
            entities:
              - { script: mortal, count: 10 }
            """;

    @Test
    void theEngineCountsEachScriptEveryTickZeroIncluded() throws Exception {
        try (World w = Worlds.yaml(MORTALS)) {
            MetricView atStart = w.metric("entities.mortal").orElseThrow();
            assertThat(atStart.times()).containsExactly(0);
            assertThat(atStart.values()).containsExactly(10);
            AdvanceReport report = null;
            for (int i = 0; i < 8; i++) {
                report = w.advance(1);
            }
            MetricView mortal = w.metric("entities.mortal").orElseThrow();
            assertThat(mortal.times()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(mortal.values()).containsExactly(10, 10, 10, 10, 10, 0, 0, 0, 0);
            assertThat(mortal.last()).isZero();
            assertThat(mortal.lastIsCurrent(w.time())).isTrue();
            assertThat(w.metric("entities.idle").orElseThrow().values()).containsOnly(0);
            assertThat(report.lastTickMetrics()).containsEntry("entities.mortal", 0.0)
                    .containsEntry("entities.idle", 0.0).doesNotContainKey("alive");
            // script metrics come first, the engine's counts after them
            assertThat(w.metricNames()).containsExactly("alive", "entities.mortal", "entities.idle");
        }
    }

    @Test
    void anUndeclaredMetricHasNoValueOnceNobodyRecordsItAndSaysSince() throws Exception {
        try (World w = Worlds.yaml(MORTALS)) {
            w.advance(8);
            MetricView alive = w.metric("alive").orElseThrow();
            assertThat(alive.times()).containsExactly(1, 2, 3, 4, 5);
            assertThat(alive.last()).isEqualTo(10);
            assertThat(alive.lastTime()).isEqualTo(5);
            assertThat(alive.lastIsCurrent(w.time())).isFalse();
            assertThat(alive.staleness(w.time())).isEqualTo("last recorded at t = 5; no value since");
        }
    }

    @Test
    void aDeclaredMissingValueFillsTheTicksNobodyRecordedAndSurvivesASnapshot() throws Exception {
        String yaml = MORTALS + "metrics: { alive: { missing: 0 } }\n";
        try (World w = Worlds.yaml(yaml)) {
            assertThat(w.metric("alive").orElseThrow().count()).isZero(); // creation is not a tick
            w.advance(6);
            try (World reloaded = World.create(w.snapshot(), null, null)) {
                w.advance(2);
                reloaded.advance(2);
                for (World x : new World[] {w, reloaded}) {
                    MetricView alive = x.metric("alive").orElseThrow();
                    assertThat(alive.times()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
                    assertThat(alive.values()).containsExactly(10, 10, 10, 10, 10, 0, 0, 0);
                    assertThat(alive.last()).isZero();
                    assertThat(alive.missing()).isZero();
                    assertThat(alive.lastIsCurrent(x.time())).isTrue();
                }
                assertThat(Worlds.snapshotText(reloaded)).isEqualTo(Worlds.snapshotText(w));
            }
        }
    }

    @Test
    void removingAnEntityBetweenTicksCountsAgainAtTheSameTime() throws Exception {
        try (World w = Worlds.yaml(MORTALS)) {
            w.advance(2);
            w.removeEntity("mortal-1");
            w.addEntity("idle", null, null);
            MetricView mortal = w.metric("entities.mortal").orElseThrow();
            assertThat(mortal.times()).containsExactly(0, 1, 2);
            assertThat(mortal.values()).containsExactly(10, 10, 9);
            assertThat(w.metric("entities.idle").orElseThrow().last()).isEqualTo(1);
        }
    }

    @Test
    void scriptsCannotRecordUnderTheEnginesPrefixAndAuthorsCannotDeclareItMissing() throws Exception {
        try (World w = Worlds.yaml("""
                name: forger
                scripts: { f: { language: java-test, source: bad-name } }
                entities: [ { id: f, script: f } ]
                """)) {
            var e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
            assertThat(e.getMessage()).contains("metric 'entities.mortal'", "the engine's own");
        }
        var bad = catchThrowableOfType(WorldFileException.class, () -> Worlds.yaml(MORTALS
                + "metrics: { entities.mortal: { missing: 0 } }\n"));
        assertThat(bad.getMessage()).contains("metrics.entities.mortal.missing", "records entities.mortal itself");
        var notANumber = catchThrowableOfType(WorldFileException.class, () -> Worlds.yaml(MORTALS
                + "metrics: { alive: { missing: none } }\n"));
        assertThat(notANumber.getMessage()).contains("metrics.alive.missing", "must be a number");
        var unknown = catchThrowableOfType(WorldFileException.class, () -> Worlds.yaml(MORTALS
                + "metrics: { alive: { mising: 0 } }\n"));
        assertThat(unknown.getMessage()).contains("metrics.alive.mising", "did you mean missing?");
    }

    @Test
    void aMisspeltTopLevelFieldSuggestsTheNearestAndListsOnlyWhatAuthorsWrite() {
        var e = catchThrowableOfType(WorldFileException.class, () -> Worlds.yaml("""
                name: typo
                scripts: { i: { language: java-test, source: idle } }
                entity: [ { script: i } ]
                """));
        assertThat(e.getMessage()).contains("entity: unknown field; did you mean entities?")
                .contains("entities", "scripts", "params").doesNotContain("rng", "sequence", "counters", "dropped");
    }

    @Test
    void anExperimentFileGivenAsAWorldSaysToRunItAsAnExperiment() {
        var e = catchThrowableOfType(WorldFileException.class, () -> Worlds.yaml("""
                world: world.yaml
                steps: 100
                vary: { beta: [0.1, 0.2] }
                """));
        assertThat(e.getMessage()).contains("experiment file", "polysim sweep", "run_experiment");
    }
}
