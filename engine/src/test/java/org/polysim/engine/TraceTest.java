package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.polysim.engine.Worlds.behaviour;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** trace_entity's record: what an entity received, how its state changed and what it did, tick by tick. */
class TraceTest {

    static {
        behaviour("tr-ping", e -> {
            ObjectNode s = e.state().deepCopy();
            s.put("n", s.path("n").asInt() + e.inbox().size());
            e.setState(s);
            e.send("b", "ping", JsonNodeFactory.instance.numberNode(e.time()), null);
            e.metric("sent", 1);
            e.move(e.coordinate(0).doubleValue() + 1, 0, null);
            e.take("food", 2, null, null, null);
            if (e.time() == e.params().path("fail_at").asDouble()) {
                throw new IllegalStateException("boom");
            }
        });
    }

    private static World world(int failAt, String limits) throws SimulationException {
        return Worlds.yaml("""
                name: traced
                params: { fail_at: %d }
                limits: %s
                space: { kind: grid, width: 10, height: 1, torus: true }
                layers: { food: { initial: 3 } }
                scripts: { p: { language: java-test, source: tr-ping } }
                entities:
                  - { id: a, script: p, at: [0, 0] }
                  - { id: b, script: p, at: [5, 0] }
                """.formatted(failAt, limits));
    }

    @Test
    void eachUpdateIsRecordedWithWhatCameInWhatChangedAndWhatWasDoneInOrder() throws Exception {
        World w = world(-1, "{ trace_ticks: 3 }");
        w.advance(7);
        List<World.TraceStep> steps = w.trace("b");
        assertThat(steps).extracting(World.TraceStep::tick).containsExactly(5L, 6L, 7L);
        World.TraceStep last = steps.get(2);
        assertThat(last.received()).extracting(Message::from).containsExactly("a", "b");
        assertThat(last.after().path("n").asInt()).isEqualTo(last.before().path("n").asInt() + 2);
        assertThat(last.actions()).extracting(a -> a.get("do").asString())
                .containsExactly("send", "metric", "move", "take");
        assertThat(last.actions().get(2).get("detail").asString()).isEqualTo("[1, 0] -> [2, 0]"); // from 5, wrapped
        assertThat(last.actions().get(3).get("detail").asString()).isEqualTo("food 2 asked, 1 taken");
    }

    @Test
    void aFailedTickLeavesNoTraceAndLargeWorldsAreNotTraced() throws Exception {
        World w = world(3, "{ trace_ticks: 5 }");
        w.advance(2);
        assertThat(catchThrowableOfType(SimulationException.class, () -> w.advance(1))).isNotNull();
        assertThat(w.tracedTicks()).containsExactly(1L, 2L);

        World big = world(-1, "{ trace_entities: 1 }");
        big.advance(2);
        assertThat(big.trace("a")).isEmpty();
        World off = world(-1, "{ trace_ticks: 0 }");
        off.advance(2);
        assertThat(off.tracedTicks()).isEmpty();
    }
}
