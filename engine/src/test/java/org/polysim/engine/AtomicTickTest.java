package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.polysim.engine.Worlds.behaviour;

import org.junit.jupiter.api.Test;
import org.polysim.engine.spi.ScriptException;
import tools.jackson.databind.node.JsonNodeFactory;

/** DESIGN.md: a tick is atomic; a failure leaves the world as after the last completed tick. */
class AtomicTickTest {

    static {
        behaviour("busy", e -> {
            e.send(e.entities(null).getFirst(), "note", JsonNodeFactory.instance.numberNode(e.time()), 2.0);
            e.setState(e.state().deepCopy().put("seen", e.time()).put("draw", e.random()));
            e.metric("busy", 1);
            e.log("busy at " + e.time());
            if (e.time() == 5) {
                e.spawn("busy", null);
                e.destroy(null);
            }
        });
        behaviour("fragile", e -> {
            e.setState(e.state().deepCopy().put("touched", e.time()));
            if (e.time() >= e.state().path("fail_at").asDouble(Double.MAX_VALUE)) {
                throw new ScriptException(ScriptException.Kind.ERROR, "attempt to divide by the weather", 7);
            }
        });
    }

    static final String WORLD = """
            name: fragile-world
            scripts:
              busy: { language: java-test, source: busy }
              fragile: { language: java-test, source: fragile }
            entities:
              - { script: busy, count: 3 }
              - { id: glass, script: fragile, state: { fail_at: 5 } }
              - { script: busy, count: 2 }
            """;

    @Test
    void aFailingTickLeavesTheWorldExactlyAtThePreviousTick() throws Exception {
        World w = Worlds.yaml(WORLD);
        w.advance(4);
        String atFour = Worlds.snapshotText(w);

        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(10));

        assertThat(e.tick()).isEqualTo(5);
        assertThat(e.ticksCompleted()).isZero();
        assertThat(e.entity()).isEqualTo("glass");
        assertThat(e.script()).isEqualTo("fragile");
        assertThat(e.language()).isEqualTo("java-test");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.getMessage()).contains("world 'fragile-world'", "tick 5", "entity 'glass'", "script 'fragile'",
                "line 7", "attempt to divide by the weather", "unchanged since the end of tick 4");
        assertThat(w.tick()).isEqualTo(4);
        assertThat(Worlds.snapshotText(w)).isEqualTo(atFour);
        assertThat(w.log(null, 3).getLast().text()).contains("tick 5 failed and was rolled back");
    }

    @Test
    void afterARollbackTheWorldRunsOnAsIfTheFailureNeverHappened() throws Exception {
        World failed = Worlds.yaml(WORLD);
        failed.advance(4);
        catchThrowableOfType(SimulationException.class, () -> failed.advance(3));
        failed.setEntityState("glass", JsonNodeFactory.instance.objectNode().put("fail_at", 1000).put("touched", 4));

        World clean = Worlds.yaml(WORLD);
        clean.advance(4);
        clean.setEntityState("glass", JsonNodeFactory.instance.objectNode().put("fail_at", 1000).put("touched", 4));

        failed.advance(6);
        clean.advance(6);
        assertThat(Worlds.snapshotText(failed)).isEqualTo(Worlds.snapshotText(clean));
        assertThat(failed.entityIds("busy")).contains("busy-6"); // the spawn id of the failed tick was not burnt
    }

    @Test
    void ticksBeforeTheFailureInOneAdvanceAreKept() throws Exception {
        World w = Worlds.yaml(WORLD);
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(10));
        assertThat(e.ticksCompleted()).isEqualTo(4);
        assertThat(w.tick()).isEqualTo(4);
        assertThat(w.metric("busy").orElseThrow().count()).isEqualTo(4);
    }
}
