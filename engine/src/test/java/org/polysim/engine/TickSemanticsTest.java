package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.engine.Worlds.append;
import static org.polysim.engine.Worlds.behaviour;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** DESIGN.md "One tick": delivery order, delays, commands, spawn and destroy, metrics. */
class TickSemanticsTest {

    static {
        behaviour("sink", e -> {
            var s = e.state();
            for (org.polysim.engine.spi.InboxMessage m : e.inbox()) {
                s = append(s, "got", m.kind() + "@" + Numbers.exact(e.time()) + " from " + m.from());
            }
            e.setState(s);
        });
        behaviour("burst", e -> {
            if (e.time() == 1) {
                var c = JsonNodeFactory.instance.objectNode().put("x", 1);
                e.send("sink", "a", c, 3.0);
                e.send("sink", "b", c, 1.0);
                e.send("sink", "c", c, 3.0);
                e.send("sink", "d", c, 0.0);
                e.send("sink", "e", c, 2.5);
                e.send("sink", "f", c, null);
            }
        });
        behaviour("hello", e -> e.send("sink", "hi", JsonNodeFactory.instance.nullNode(), null));
        behaviour("killer", e -> {
            if (e.time() == 2) {
                var s = e.state().deepCopy();
                s.put("first", e.destroy("victim")).put("second", e.destroy("victim"));
                e.setState(s);
            }
        });
        behaviour("victim", e -> {
            e.metric("victim_updates", 1);
            e.send("victim", "to-self", JsonNodeFactory.instance.nullNode(), 2.0);
        });
        behaviour("spawner", e -> {
            if (e.time() == 1) {
                String id = e.spawn("child", JsonNodeFactory.instance.objectNode().put("gift", 5));
                e.log("spawned " + id);
            }
        });
        behaviour("child", new org.polysim.engine.testing.JavaTestLanguage.Behaviour() {
            @Override
            public void init(org.polysim.engine.spi.EntityContext e) {
                e.setState(e.state().deepCopy().put("born", e.time()));
                e.metric("births", 1);
            }

            @Override
            public void update(org.polysim.engine.spi.EntityContext e) {
                e.metric("child_updates", 1);
            }
        });
        behaviour("counter", e -> {
            e.metric("population", 1);
            e.metric("clock", e.time());
        });
    }

    @Test
    void messagesArriveByDeliveryTickThenSendOrderAndNeverInTheSendingTick() throws Exception {
        World w = Worlds.yaml("""
                name: order
                scripts:
                  burst: { language: java-test, source: burst }
                  sink: { language: java-test, source: sink }
                entities:
                  - { id: sender, script: burst }
                  - { id: sink, script: sink }
                """);
        w.advance(1);
        assertThat(w.entityState("sink").orElseThrow().has("got")).isFalse();
        w.advance(3);
        assertThat(w.entityState("sink").orElseThrow().get("got").valueStream().map(n -> n.stringValue()).toList())
                .containsExactly("b@2 from sender", "d@2 from sender", "f@2 from sender",
                        "a@4 from sender", "c@4 from sender", "e@4 from sender");
    }

    @Test
    void sendersInOneTickAreDeliveredInUpdateOrder() throws Exception {
        World w = Worlds.yaml("""
                name: fan-in
                scripts:
                  hello: { language: java-test, source: hello }
                  sink: { language: java-test, source: sink }
                entities:
                  - { script: hello, count: 3 }
                  - { id: sink, script: sink }
                """);
        w.advance(2);
        assertThat(w.entityState("sink").orElseThrow().get("got").valueStream().map(n -> n.stringValue()).toList())
                .containsExactly("hi@2 from hello-1", "hi@2 from hello-2", "hi@2 from hello-3");
    }

    @Test
    void destroyIsImmediateSaysWhetherTheTargetWasAliveAndLaterMessagesAreDroppedAndCounted() throws Exception {
        World w = Worlds.yaml("""
                name: destroy
                scripts:
                  killer: { language: java-test, source: killer }
                  victim: { language: java-test, source: victim }
                entities:
                  - { id: killer, script: killer }
                  - { id: victim, script: victim }
                """);
        w.advance(1); // the victim sends itself a message due at tick 3
        AdvanceReport second = w.advance(1);
        assertThat(second.lastTickMetrics()).doesNotContainKey("victim_updates"); // dead before its turn
        assertThat(w.entityIds(null)).containsExactly("killer");
        assertThat(w.entityState("killer").orElseThrow().toString()).isEqualTo("{\"first\":true,\"second\":false}");
        assertThat(w.pendingMessages()).isEqualTo(1);

        AdvanceReport third = w.advance(1);
        assertThat(third.dropped()).isEqualTo(1);
        assertThat(w.droppedMessages()).isEqualTo(1);
        assertThat(w.metric("victim_updates").orElseThrow().count()).isEqualTo(1);
        assertThat(w.log(null, 10)).anyMatch(l -> l.text().contains("dropped message 'to-self'"));
    }

    @Test
    void spawnRunsInitNowAndTheNewEntityIsUpdatedFromTheNextTick() throws Exception {
        World w = Worlds.yaml("""
                name: spawn
                scripts:
                  spawner: { language: java-test, source: spawner }
                  child: { language: java-test, source: child }
                entities:
                  - { id: mother, script: spawner }
                  - { script: child, count: 2 }
                """);
        assertThat(w.metric("births").orElseThrow().last()).isEqualTo(2); // init of file entities at creation
        w.advance(1);
        assertThat(w.entityIds("child")).containsExactly("child-1", "child-2", "child-3");
        assertThat(w.entityState("child-3").orElseThrow().get("born").doubleValue()).isEqualTo(1.0);
        assertThat(w.entityState("child-3").orElseThrow().get("gift").intValue()).isEqualTo(5);
        assertThat(w.metric("child_updates").orElseThrow().last()).isEqualTo(2); // the new child not yet
        w.advance(1);
        assertThat(w.metric("child_updates").orElseThrow().last()).isEqualTo(3);
        assertThat(w.log("mother", 5)).extracting(LogLine::text).containsExactly("spawned child-3");
    }

    @Test
    void valuesRecordedUnderOneNameInOneTickAreSummed() throws Exception {
        World w = Worlds.yaml("""
                name: metrics
                scripts:
                  counter: { language: java-test, source: counter }
                entities:
                  - { script: counter, count: 4 }
                """);
        w.advance(3);
        MetricView pop = w.metric("population").orElseThrow();
        assertThat(pop.values()).containsExactly(4, 4, 4);
        assertThat(pop.times()).containsExactly(1, 2, 3);
        MetricView clock = w.metric("clock").orElseThrow();
        assertThat(clock.values()).containsExactly(4, 8, 12);
        assertThat(clock.count()).isEqualTo(3);
        assertThat(clock.total()).isEqualTo(24);
        assertThat(clock.mean()).isEqualTo(8);
        assertThat(clock.min()).isEqualTo(4);
        assertThat(clock.max()).isEqualTo(12);
        assertThat(clock.last()).isEqualTo(12);
    }

    @Test
    void randomScheduleShufflesEachTickDeterministically() throws Exception {
        String text = """
                name: shuffle
                seed: 11
                schedule: random
                scripts:
                  hello: { language: java-test, source: hello }
                  sink: { language: java-test, source: sink }
                entities:
                  - { script: hello, count: 8 }
                  - { id: sink, script: sink }
                """;
        World a = Worlds.yaml(text);
        World b = Worlds.yaml(text);
        a.advance(3);
        b.advance(3);
        List<String> got = a.entityState("sink").orElseThrow().get("got").valueStream()
                .map(n -> n.stringValue()).toList();
        assertThat(got).hasSize(16);
        assertThat(got.subList(0, 8)).isNotEqualTo(got.subList(8, 16).stream()
                .map(s -> s.replace("@3", "@2")).toList());
        assertThat(got.subList(0, 8)).isNotEqualTo(List.of("hi@2 from hello-1", "hi@2 from hello-2",
                "hi@2 from hello-3", "hi@2 from hello-4", "hi@2 from hello-5", "hi@2 from hello-6",
                "hi@2 from hello-7", "hi@2 from hello-8"));
        assertThat(Worlds.snapshotText(a)).isEqualTo(Worlds.snapshotText(b));
    }
}
