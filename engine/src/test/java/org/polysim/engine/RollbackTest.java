package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.polysim.engine.Worlds.append;
import static org.polysim.engine.Worlds.behaviour;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.testing.JavaTestLanguage;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * DESIGN.md "One tick": a tick is atomic. One test per piece of world data a tick changes: the tick changes it, then
 * fails, and the world must be as before the tick, to the byte, and must then run on exactly like a world that never
 * failed (a leaked generator or counter often shows only later). Every test fails at tick 3; scripts read
 * {@code params.explode_at} to know when to fail, and a test defuses them by setting it to -1.
 */
class RollbackTest {

    static final long BOOM = 3;
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static boolean explodes(EntityContext e) {
        return e.time() == e.params().path("explode_at").asDouble(-1);
    }

    /** Keeps each entity's count on the Java side, as a guest context keeps its own copy of an entity's data. */
    static final class Keeper implements JavaTestLanguage.Behaviour {
        final Map<String, Long> counts = new HashMap<>();

        @Override
        public void init(EntityContext e) {
            counts.put(e.id(), e.state().path("count").asLong(0));
        }

        @Override
        public void update(EntityContext e) {
            long n = counts.get(e.id()) + 1; // from its own copy, not from e.state()
            counts.put(e.id(), n);
            e.setState(e.state().deepCopy().put("count", n));
        }

        @Override
        public void restore(EntityContext e) {
            counts.put(e.id(), e.state().path("count").asLong(0));
        }

        @Override
        public void forget(String entityId) {
            counts.remove(entityId);
        }
    }

    /** The keepers compiled so far, one per world using script source {@code rb-keeper}, in creation order. */
    static final List<Keeper> KEEPERS = Collections.synchronizedList(new ArrayList<>());

    static {
        behaviour("rb-bomb", e -> {
            if (explodes(e)) {
                throw new ScriptException(ScriptException.Kind.ERROR, "the bomb went off", 3);
            }
        });
        behaviour("rb-dud", new JavaTestLanguage.Behaviour() {
            @Override
            public void init(EntityContext e) throws ScriptException {
                e.log("dud init");
                throw new ScriptException(ScriptException.Kind.ERROR, "the dud's init failed", 5);
            }

            @Override
            public void update(EntityContext e) {
            }
        });
        behaviour("rb-detonator", e -> {
            if (explodes(e)) {
                e.spawn("dud", null); // its init fails while the tick's commands are being applied
            }
        });
        behaviour("rb-counter", e -> {
            long count = e.state().path("count").asLong(0);
            e.setState(e.state().deepCopy().put("count", count + 1));
        });
        behaviour("rb-drawer", e -> { // draws leave only the generator and buffered metrics behind
            e.metric("draw", e.random());
            e.metric("roll", e.random(1, 6));
        });
        behaviour("rb-sender", e -> {
            Double delay = e.state().has("delay") ? e.state().get("delay").asDouble() : null;
            e.send(e.state().path("to").asString(), "note", JSON.numberNode(e.time()), delay);
        });
        behaviour("rb-sink", e -> {
            ObjectNode s = e.state();
            for (org.polysim.engine.spi.InboxMessage m : e.inbox()) {
                s = append(s, "got", m.kind() + " sent at " + m.sentAt() + " from " + m.from() + " at " + e.time());
            }
            e.setState(s);
        });
        behaviour("rb-tagger", e -> e.send("sink", "tag", null, null));
        behaviour("rb-killer", e -> {
            if (explodes(e)) {
                e.destroy(e.state().path("victim").asString());
            }
        });
        behaviour("rb-parent", e -> e.spawn("child", null)); // a generated id, every tick
        behaviour("rb-fickle", e -> {
            if (explodes(e)) {
                e.destroy(e.spawn("child", null)); // a spawn can be destroyed in the tick that spawned it
            }
        });
        behaviour("rb-maker", e -> {
            if (explodes(e)) {
                e.spawn("phoenix", null);
            }
        });
        behaviour("rb-phoenix", new JavaTestLanguage.Behaviour() {
            @Override
            public void init(EntityContext e) {
                // params.reuse was destroyed before this init ran: its id is free again
                e.spawn(e.params().path("reuse").asString(), e.params().path("reuse_script").asString(), null);
                e.spawn("dud", null);
            }

            @Override
            public void update(EntityContext e) {
            }
        });
        behaviour("rb-logger", e -> {
            e.log(e.state().path("text").asString() + " at " + (long) e.time());
            e.metric("logged", 1);
        });
        behaviour("rb-founder", new JavaTestLanguage.Behaviour() {
            @Override
            public void init(EntityContext e) {
                e.send("sink", "founded", null, null);
                e.destroy("victim");
                e.spawn("child", null);
                e.setState(e.state().deepCopy().put("draw", e.random()));
                e.spawn("dud", null);
                e.metric("founded", 1);
                e.log("founder init");
            }

            @Override
            public void update(EntityContext e) {
            }
        });
        behaviour("rb-usurper", new JavaTestLanguage.Behaviour() {
            @Override
            public void init(EntityContext e) {
                e.destroy("old");
                e.spawn("phoenix", null);
            }

            @Override
            public void update(EntityContext e) {
            }
        });
        behaviour("rb-lucky", new JavaTestLanguage.Behaviour() {
            @Override
            public void init(EntityContext e) {
                e.setState(e.state().deepCopy().put("luck", e.random()));
            }

            @Override
            public void update(EntityContext e) {
            }
        });
        JavaTestLanguage.registerPerWorld("rb-keeper", () -> {
            Keeper k = new Keeper();
            KEEPERS.add(k);
            return k;
        });
    }

    // ---------------------------------------------------------------- clock, states, generators

    static final String COUNTERS = """
            name: counters
            params: { explode_at: 3 }
            scripts:
              counter: { language: java-test, source: rb-counter }
              bomb: { language: java-test, source: rb-bomb }
            entities:
              - { script: counter, count: 3 }
              - { id: bomb, script: bomb }
            """;

    @Test
    void aFailedTickLeavesTheClockAtTheLastCompletedTick() throws Exception {
        World w = failedAtTick3(COUNTERS);
        assertThat(w.tick()).isEqualTo(2);
        assertThat(w.time()).isEqualTo(2);
        assertThat(w.status()).isEqualTo(new World.Status(2, 2, 4));
        runsOnLikeANeverFailedWorld(COUNTERS, w);
    }

    @Test
    void aFailedTickUndoesTheStatesOfTheEntitiesUpdatedBeforeTheFailure() throws Exception {
        World w = failedAtTick3(COUNTERS);
        assertThat(w.entityState("counter-3").orElseThrow().path("count").asLong()).isEqualTo(2);
        runsOnLikeANeverFailedWorld(COUNTERS, w);
    }

    @Test
    void aFailedTickRewindsTheRandomStreamsOfTheEntitiesUpdatedBeforeTheFailure() throws Exception {
        String world = """
                name: draws
                params: { explode_at: 3 }
                scripts:
                  drawer: { language: java-test, source: rb-drawer }
                  bomb: { language: java-test, source: rb-bomb }
                entities:
                  - { script: drawer, count: 3 }
                  - { id: bomb, script: bomb }
                """;
        long before = w(world, 2).snapshot().get("entities").get(0).get("rng").asLong();
        World w = failedAtTick3(world);
        assertThat(w.snapshot().get("entities").get(0).get("rng").asLong()).isEqualTo(before);
        runsOnLikeANeverFailedWorld(world, w); // the draws recorded as metrics after the failure
    }

    static final String SHUFFLED = """
            name: shuffled
            schedule: random
            params: { explode_at: 3 }
            scripts:
              tagger: { language: java-test, source: rb-tagger }
              sink: { language: java-test, source: rb-sink }
              bomb: { language: java-test, source: rb-bomb }
            entities:
              - { script: tagger, count: 6 }
              - { id: sink, script: sink }
              - { id: bomb, script: bomb }
            """;

    @Test
    void aFailedTickRewindsTheRandomScheduleGenerator() throws Exception {
        long before = w(SHUFFLED, 2).snapshot().get("rng").asLong();
        World w = failedAtTick3(SHUFFLED);
        assertThat(w.snapshot().get("rng").asLong()).isEqualTo(before);
        World clean = runsOnLikeANeverFailedWorld(SHUFFLED, w);
        // the sink's record of who updated in which order, tick after tick, is the same as if nothing had failed
        assertThat(w.entityState("sink").orElseThrow().get("got"))
                .isEqualTo(clean.entityState("sink").orElseThrow().get("got"));
    }

    // ---------------------------------------------------------------- messages

    static final String DELIVERY = """
            name: delivery
            params: { explode_at: 3 }
            scripts:
              sender: { language: java-test, source: rb-sender }
              sink: { language: java-test, source: rb-sink }
              bomb: { language: java-test, source: rb-bomb }
            entities:
              - { id: sender, script: sender, state: { to: sink } }
              - { id: sink, script: sink }
              - { id: bomb, script: bomb }
            """;

    @Test
    void aFailedTickPutsBackTheMessagesItDelivered() throws Exception {
        World w = failedAtTick3(DELIVERY);
        assertThat(w.pending()).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("sender");
            assertThat(m.deliverTick()).isEqualTo(BOOM);
        });
        World clean = runsOnLikeANeverFailedWorld(DELIVERY, w);
        // delivered once, in the retried tick: not lost, not twice (an inbox left full by the failure)
        assertThat(w.entityState("sink").orElseThrow().get("got"))
                .isEqualTo(clean.entityState("sink").orElseThrow().get("got"));
    }

    @Test
    void aFailedTickAddsNothingToTheDeliveredMessageHistory() throws Exception {
        List<Message> before = w(DELIVERY, 2).deliveredMessages(null, 0, 100);
        World w = failedAtTick3(DELIVERY);
        assertThat(w.deliveredMessages(null, 0, 100)).isEqualTo(before).hasSize(1);
        runsOnLikeANeverFailedWorld(DELIVERY, w);
    }

    /** Sender and a spawn whose init fails: the send is applied before the tick fails (commands in issue order). */
    static final String SENDS = """
            name: sends
            params: { explode_at: 3 }
            scripts:
              sender: { language: java-test, source: rb-sender }
              detonator: { language: java-test, source: rb-detonator }
              dud: { language: java-test, source: rb-dud }
              sink: { language: java-test, source: rb-sink }
            entities:
              - { id: sender, script: sender, state: { to: sink, delay: 2 } }
              - { id: detonator, script: detonator }
              - { id: sink, script: sink }
            """;

    @Test
    void aFailedTickWithdrawsTheMessagesItSent() throws Exception {
        List<Message> before = w(SENDS, 2).pending();
        World w = failedAtTick3(SENDS);
        assertThat(w.pending()).isEqualTo(before).hasSize(2);
        runsOnLikeANeverFailedWorld(SENDS, w);
    }

    @Test
    void aFailedTickGivesBackItsSendSequenceNumbers() throws Exception {
        long before = w(SENDS, 2).snapshot().get("sequence").asLong();
        World w = failedAtTick3(SENDS);
        assertThat(w.snapshot().get("sequence").asLong()).isEqualTo(before);
        World clean = runsOnLikeANeverFailedWorld(SENDS, w);
        assertThat(w.deliveredMessages(null, 0, 100)).extracting(Message::seq)
                .isEqualTo(clean.deliveredMessages(null, 0, 100).stream().map(Message::seq).toList());
    }

    static final String DROPS = """
            name: drops
            params: { explode_at: 3 }
            scripts:
              sender: { language: java-test, source: rb-sender }
              bomb: { language: java-test, source: rb-bomb }
            entities:
              - { id: sender, script: sender, state: { to: nobody } }
              - { id: bomb, script: bomb }
            """;

    @Test
    void aFailedTickRestoresTheDroppedMessageCount() throws Exception {
        World w = failedAtTick3(DROPS);
        assertThat(w.droppedMessages()).isEqualTo(1); // the message of tick 1, dropped in tick 2
        assertThat(w.log(null, Set.of(LogLine.Kind.DROPPED), -1, 10)).extracting(LogLine::tick, LogLine::rolledBack)
                .containsExactly(tuple(2L, false), tuple(3L, true));
        defuse(w);
        AdvanceReport retried = w.advance(1);
        assertThat(retried.dropped()).isEqualTo(1);
        assertThat(retried.unknownRecipients()).containsExactly("nobody");
        assertThat(w.droppedMessages()).isEqualTo(2);
        runsOnLikeANeverFailedWorld(DROPS, w, 1);
    }

    // ---------------------------------------------------------------- population

    static final String FAMILY = """
            name: family
            params: { explode_at: 3 }
            scripts:
              parent: { language: java-test, source: rb-parent }
              child: { language: java-test, source: rb-keeper }
              bomb: { language: java-test, source: rb-bomb }
            entities:
              - { id: parent, script: parent }
              - { id: bomb, script: bomb }
            """;

    @Test
    void aFailedTickGivesBackTheIdsOfTheEntitiesItWasToSpawn() throws Exception {
        // the spawn is issued (drawing child-3) but never applied: the update of bomb fails first
        World w = failedAtTick3(FAMILY);
        assertThat(w.snapshot().get("counters").get("child").asLong()).isEqualTo(2);
        runsOnLikeANeverFailedWorld(FAMILY, w);
        assertThat(w.entityIds("child")).containsExactly("child-1", "child-2", "child-3", "child-4", "child-5",
                "child-6", "child-7", "child-8");
    }

    /** The parent's child is spawned (its init ran) before the dud's init fails. */
    static final String LITTER = """
            name: litter
            params: { explode_at: 3 }
            scripts:
              parent: { language: java-test, source: rb-parent }
              child: { language: java-test, source: rb-keeper }
              detonator: { language: java-test, source: rb-detonator }
              dud: { language: java-test, source: rb-dud }
            entities:
              - { id: parent, script: parent }
              - { id: detonator, script: detonator }
            """;

    @Test
    void aFailedTickRemovesTheEntitiesItSpawned() throws Exception {
        World w = failedAtTick3(LITTER);
        assertThat(w.entityIds(null)).containsExactly("parent", "detonator", "child-1", "child-2");
        assertThat(w.entityState("child-3")).isEmpty();
        assertThat(w.entityState("dud-1")).isEmpty();
        runsOnLikeANeverFailedWorld(LITTER, w);
    }

    @Test
    void theControllerOfARolledBackSpawnForgetsIt() throws Exception {
        int index = KEEPERS.size();
        World w = w(LITTER, 2);
        Keeper keeper = KEEPERS.get(index);
        assertThat(keeper.counts).containsOnlyKeys("child-1", "child-2");
        assertThatThrownBy(() -> w.advance(1)).isInstanceOf(SimulationException.class);
        assertThat(keeper.counts).containsOnlyKeys("child-1", "child-2"); // child-3's init ran, then was undone
    }

    static final String KEEPING = """
            name: keeping
            params: { explode_at: 3 }
            scripts:
              keeper: { language: java-test, source: rb-keeper }
              bomb: { language: java-test, source: rb-bomb }
            entities:
              - { id: keeper, script: keeper }
              - { id: bomb, script: bomb }
            """;

    @Test
    void aControllerThatKeepsItsOwnCopyIsGivenBackTheRestoredState() throws Exception {
        World w = failedAtTick3(KEEPING);
        runsOnLikeANeverFailedWorld(KEEPING, w);
        assertThat(w.entityState("keeper").orElseThrow().path("count").asLong()).isEqualTo(2 + 6);
    }

    static final String FICKLE = """
            name: fickle
            params: { explode_at: 3 }
            scripts:
              fickle: { language: java-test, source: rb-fickle }
              child: { language: java-test, source: rb-keeper }
              detonator: { language: java-test, source: rb-detonator }
              dud: { language: java-test, source: rb-dud }
            entities:
              - { id: fickle, script: fickle }
              - { id: detonator, script: detonator }
            """;

    @Test
    void aFailedTickRemovesAnEntityItSpawnedAndDestroyed() throws Exception {
        World w = failedAtTick3(FICKLE);
        assertThat(w.entityCount()).isEqualTo(2);
        assertThat(w.entityState("child-1")).isEmpty();
        runsOnLikeANeverFailedWorld(FICKLE, w);
    }

    static final String MASSACRE = """
            name: massacre
            params: { explode_at: 3 }
            scripts:
              killer: { language: java-test, source: rb-killer }
              counter: { language: java-test, source: rb-counter }
              detonator: { language: java-test, source: rb-detonator }
              dud: { language: java-test, source: rb-dud }
              sender: { language: java-test, source: rb-sender }
            entities:
              - { id: killer, script: killer, state: { victim: victim } }
              - { id: suicide, script: killer, state: { victim: suicide } }
              - { id: victim, script: counter }
              - { id: detonator, script: detonator }
              - { id: sender, script: sender, state: { to: victim } }
            """;

    @Test
    void aFailedTickBringsBackTheEntitiesItDestroyed() throws Exception {
        World w = failedAtTick3(MASSACRE);
        assertThat(w.entityIds(null)).containsExactly("killer", "suicide", "victim", "detonator", "sender");
        assertThat(w.entityState("victim").orElseThrow().path("count").asLong()).isEqualTo(2);
        runsOnLikeANeverFailedWorld(MASSACRE, w); // the victim goes on updating and receiving
        assertThat(w.droppedMessages()).isZero();
    }

    /** x is destroyed, then a new x is spawned in its place (by phoenix's init), then a spawn's init fails. */
    static final String REINCARNATION = """
            name: reincarnation
            params: { explode_at: 3, reuse: x, reuse_script: sink }
            scripts:
              killer: { language: java-test, source: rb-killer }
              maker: { language: java-test, source: rb-maker }
              phoenix: { language: java-test, source: rb-phoenix }
              sink: { language: java-test, source: rb-sink }
              dud: { language: java-test, source: rb-dud }
              sender: { language: java-test, source: rb-sender }
            entities:
              - { id: killer, script: killer, state: { victim: x } }
              - { id: maker, script: maker }
              - { id: x, script: sink }
              - { id: sender, script: sender, state: { to: x } }
            """;

    @Test
    void aFailedTickBringsBackADestroyedEntityWhoseIdItHadReused() throws Exception {
        World w = failedAtTick3(REINCARNATION);
        assertThat(w.entityCount()).isEqualTo(4);
        assertThat(w.entityState("x")).isPresent();
        runsOnLikeANeverFailedWorld(REINCARNATION, w); // x goes on receiving the sender's notes
        assertThat(w.droppedMessages()).isZero();
    }

    // ---------------------------------------------------------------- metrics, log, status

    static final String CHATTER = """
            name: chatter
            params: { explode_at: 3 }
            scripts:
              logger: { language: java-test, source: rb-logger }
              detonator: { language: java-test, source: rb-detonator }
              dud: { language: java-test, source: rb-dud }
              sender: { language: java-test, source: rb-sender }
            entities:
              - { id: sender, script: sender, state: { to: nobody } }
              - { id: first, script: logger, state: { text: before } }
              - { id: detonator, script: detonator }
              - { id: last, script: logger, state: { text: after } }
            """;

    @Test
    void aFailedTickRecordsNoMetrics() throws Exception {
        World w = failedAtTick3(CHATTER);
        assertThat(w.metric("logged").orElseThrow().values()).containsExactly(2, 2);
        assertThat(w.advance(0).lastTickMetrics()).containsEntry("logged", 2.0).containsOnlyKeys("logged",
                "entities.logger", "entities.detonator", "entities.dud", "entities.sender");
        runsOnLikeANeverFailedWorld(CHATTER, w);
    }

    @Test
    void aFailedTickKeepsWhatItLoggedMarkedAsRolledBack() throws Exception {
        World w = failedAtTick3(CHATTER);
        List<LogLine> failed = w.log(null, null, -1, 100).stream().filter(l -> l.tick() == BOOM).toList();
        // delivery (a drop), an applied log command, the commands never applied, the engine's verdict
        assertThat(failed).extracting(LogLine::text).containsExactly(
                "dropped message 'note' from sender to nobody: there is no entity 'nobody' and never was (a typo?)",
                "before at 3", "after at 3", "dud init", failed.getLast().text());
        assertThat(failed.subList(0, 4)).allSatisfy(l -> assertThat(l.rolledBack()).isTrue());
        assertThat(failed.getLast().kind()).isEqualTo(LogLine.Kind.ENGINE);
        assertThat(failed.getLast().text()).startsWith("tick 3 failed and was rolled back");
        runsOnLikeANeverFailedWorld(CHATTER, w);
    }

    @Test
    void aFailedTickPublishesNoNewStatusOrVersion() throws Exception {
        World before = w(CHATTER, 2);
        World w = failedAtTick3(CHATTER);
        assertThat(w.status()).isEqualTo(before.status());
        assertThat(w.version()).isEqualTo(before.version());
    }

    @Test
    void aFailedTickLeavesNoScriptCallInProgress() throws Exception {
        World inUpdate = failedAtTick3(COUNTERS);
        assertThat(inUpdate.calling().entity()).isNull();
        World inInit = failedAtTick3(CHATTER);
        assertThat(inInit.calling().entity()).isNull();
    }

    @Test
    void aWorldWhoseFirstTickFailsIsStillPristine() throws Exception {
        String world = """
                name: lucky
                params: { explode_at: 1 }
                scripts:
                  lucky: { language: java-test, source: rb-lucky }
                  bomb: { language: java-test, source: rb-bomb }
                entities:
                  - { script: lucky, count: 2 }
                  - { id: bomb, script: bomb }
                """;
        World w = Worlds.yaml(world);
        String before = observed(w);
        assertThatThrownBy(() -> w.advance(1)).isInstanceOf(SimulationException.class);
        assertThat(w.pristine()).isTrue();
        assertThat(observed(w)).isEqualTo(before);
        // so a replication with another seed is still rebuilt from the definition, its init drawing afresh
        World replication = w.copy("replication", 7L, null);
        assertThat(Worlds.snapshotText(replication))
                .isEqualTo(Worlds.snapshotText(Worlds.yaml(world).copy("replication", 7L, null)));
        assertThat(replication.entityState("lucky-1")).isNotEqualTo(w.entityState("lucky-1"));
    }

    // ---------------------------------------------------------------- everything at once

    static final String EVERYTHING = """
            name: everything
            seed: 11
            schedule: random
            params: { explode_at: 3 }
            scripts:
              parent: { language: java-test, source: rb-parent }
              child: { language: java-test, source: rb-keeper }
              drawer: { language: java-test, source: rb-drawer }
              killer: { language: java-test, source: rb-killer }
              counter: { language: java-test, source: rb-counter }
              sender: { language: java-test, source: rb-sender }
              sink: { language: java-test, source: rb-sink }
              logger: { language: java-test, source: rb-logger }
              detonator: { language: java-test, source: rb-detonator }
              dud: { language: java-test, source: rb-dud }
            entities:
              - { id: parent, script: parent }
              - { script: drawer, count: 4 }
              - { id: killer, script: killer, state: { victim: victim } }
              - { id: victim, script: counter }
              - { id: to-sink, script: sender, state: { to: sink } }
              - { id: to-victim, script: sender, state: { to: victim, delay: 2 } }
              - { id: to-nobody, script: sender, state: { to: nobody } }
              - { id: sink, script: sink }
              - { id: logger, script: logger, state: { text: hello } }
              - { id: detonator, script: detonator }
            """;

    @Test
    void aFailedTickThatTouchedEverythingRunsOnLikeANeverFailedWorld() throws Exception {
        runsOnLikeANeverFailedWorld(EVERYTHING, failedAtTick3(EVERYTHING));
    }

    // ---------------------------------------------------------------- an entity added between ticks

    static final String FOUNDING = """
            name: founding
            scripts:
              founder: { language: java-test, source: rb-founder }
              child: { language: java-test, source: rb-keeper }
              dud: { language: java-test, source: rb-dud }
              sink: { language: java-test, source: rb-sink }
              counter: { language: java-test, source: rb-counter }
            entities:
              - { id: sink, script: sink }
              - { id: victim, script: counter }
            """;

    @Test
    void aFailedInitOfAnAddedEntityUndoesWhatTheCommandsOfItsInitDid() throws Exception {
        World w = w(FOUNDING, 2);
        String before = observed(w);
        assertThatThrownBy(() -> w.addEntity("founder", null, null)).isInstanceOf(SimulationException.class)
                .hasMessageContaining("the dud's init failed");
        assertThat(observed(w)).isEqualTo(before); // the message, the destroy, the child, the ids: all undone
        assertThat(w.log(null, 2)).extracting(LogLine::text, LogLine::rolledBack)
                .containsExactly(tuple("founder init", true), tuple("dud init", true));

        World clean = w(FOUNDING, 2);
        w.advance(3);
        clean.advance(3);
        assertThat(observed(w) + history(w)).isEqualTo(observed(clean) + history(clean));
    }

    @Test
    void aFailedInitOfAnAddedEntityBringsBackAnEntityWhoseIdItHadReused() throws Exception {
        String world = """
                name: usurpation
                params: { reuse: old, reuse_script: keeper }
                scripts:
                  usurper: { language: java-test, source: rb-usurper }
                  phoenix: { language: java-test, source: rb-phoenix }
                  keeper: { language: java-test, source: rb-keeper }
                  dud: { language: java-test, source: rb-dud }
                entities:
                  - { id: old, script: keeper }
                """;
        World w = w(world, 2);
        String before = observed(w);
        assertThatThrownBy(() -> w.addEntity("usurper", null, null)).isInstanceOf(SimulationException.class);
        assertThat(observed(w)).isEqualTo(before);

        World clean = w(world, 2);
        w.advance(3); // old's controller, whose data for 'old' the failed spawn of a new 'old' replaced, knows it again
        clean.advance(3);
        assertThat(observed(w) + history(w)).isEqualTo(observed(clean) + history(clean));
    }

    // ---------------------------------------------------------------- helpers

    /** {@code yaml} advanced {@code ticks} ticks. */
    static World w(String yaml, long ticks) throws SimulationException {
        World w = Worlds.yaml(yaml);
        w.advance(ticks);
        return w;
    }

    /** Runs to tick 2, fails tick 3 and checks that the failure changed nothing a caller can read but the log. */
    static World failedAtTick3(String yaml) throws SimulationException {
        World w = w(yaml, BOOM - 1);
        String before = observed(w);
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(5));
        assertThat(e).as("tick %d fails", BOOM).isNotNull();
        assertThat(e.tick()).isEqualTo(BOOM);
        assertThat(e.ticksCompleted()).isZero();
        assertThat(observed(w)).as("the world after the failed tick").isEqualTo(before);
        return w;
    }

    /** Scripts stop failing. */
    static void defuse(World w) {
        w.setParams(w.snapshotParams().put("explode_at", -1));
    }

    static World runsOnLikeANeverFailedWorld(String yaml, World failed) throws SimulationException {
        return runsOnLikeANeverFailedWorld(yaml, failed, 0);
    }

    /**
     * Defuses {@code failed} and runs it on; a twin that never failed does the same from tick 2 (plus
     * {@code alreadyRun}, ticks the test ran on {@code failed} after defusing it). Both must be alike in everything
     * but the failed tick's log lines.
     */
    static World runsOnLikeANeverFailedWorld(String yaml, World failed, long alreadyRun) throws SimulationException {
        World clean = w(yaml, BOOM - 1);
        defuse(clean);
        clean.advance(alreadyRun);
        if (alreadyRun == 0) {
            defuse(failed);
        }
        failed.advance(6);
        clean.advance(6);
        assertThat(observed(failed) + history(failed)).as("the failed world, run on")
                .isEqualTo(observed(clean) + history(clean));
        return clean;
    }

    /** Everything a caller can read about a world but its log, as text. */
    static String observed(World w) throws SimulationException {
        StringBuilder out = new StringBuilder(Worlds.snapshotText(w));
        out.append("\nentities ").append(w.entityIds(null)).append(", ").append(w.entityCount()).append(" by script ")
                .append(w.countsByScript());
        for (String id : w.entityIds(null)) {
            out.append("\n  ").append(id).append(": ").append(w.entityState(id).orElse(null));
        }
        out.append("\npending ").append(w.pendingMessages()).append(": ").append(w.pending());
        out.append("\ndropped ").append(w.droppedMessages());
        out.append("\ndelivered ").append(w.deliveredMessages(null, 0, Integer.MAX_VALUE));
        for (String name : w.metricNames()) {
            MetricView m = w.metric(name).orElseThrow();
            out.append("\nmetric ").append(name).append(": count ").append(m.count()).append(" total ")
                    .append(m.total()).append(" mean ").append(m.mean()).append(" min ").append(m.min())
                    .append(" max ").append(m.max()).append(" last ").append(m.last()).append(" times ")
                    .append(Arrays.toString(m.times())).append(" values ").append(Arrays.toString(m.values()));
        }
        out.append("\nlast tick metrics ").append(new TreeMap<>(w.advance(0).lastTickMetrics()));
        out.append("\nstatus ").append(w.status()).append(", version ").append(w.version()).append(", pristine ")
                .append(w.pristine()).append(", calling ").append(w.calling().entity());
        return out.toString();
    }

    /** The log lines that are history (not rolled back, not the engine's), without their positions in the log. */
    static String history(World w) {
        StringBuilder out = new StringBuilder("\nlog");
        for (LogLine l : w.log(null, null, -1, Integer.MAX_VALUE)) {
            if (!l.rolledBack() && l.kind() != LogLine.Kind.ENGINE) {
                out.append("\n  ").append(l.tick()).append(' ').append(l.kind()).append(' ').append(l);
            }
        }
        return out.toString();
    }
}
