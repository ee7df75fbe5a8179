package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.polysim.engine.Worlds.behaviour;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.polysim.engine.spi.ScriptException;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a caller of the engine sees around a run: prints of a failed tick, stopping a run between ticks, progress
 * readable while a run holds the world, typo recipients, and copies for replications.
 */
class RunControlTest {

    static {
        behaviour("talker", e -> {
            e.log("about to fail at " + (long) e.time());
            if (e.time() >= e.state().path("fail_at").asDouble(Double.MAX_VALUE)) {
                throw new ScriptException(ScriptException.Kind.ERROR, "boom", 3);
            }
        });
        behaviour("typo", e -> {
            e.send("bank-01", "deposit", null, 1.0);
            e.send("typo-01", "zero-padded", null, 1.0); // shaped like a generated id, but never one
            e.send(e.id(), "self", null, 1.0);
        });
        behaviour("drawer", new org.polysim.engine.testing.JavaTestLanguage.Behaviour() {
            @Override
            public void init(org.polysim.engine.spi.EntityContext e) {
                e.setState(e.state().deepCopy().put("first", e.random()).put("p", e.params().path("p").asInt()));
            }

            @Override
            public void update(org.polysim.engine.spi.EntityContext e) {
                e.setState(e.state().deepCopy().put("last", e.random()).put("p", e.params().path("p").asInt()));
            }
        });
        behaviour("fails-init", new org.polysim.engine.testing.JavaTestLanguage.Behaviour() {
            @Override
            public void init(org.polysim.engine.spi.EntityContext e) throws ScriptException {
                e.log("init printed this");
                e.send("a-1", "hello", null, 1.0);
                throw new ScriptException(ScriptException.Kind.ERROR, "init broke", 2);
            }

            @Override
            public void update(org.polysim.engine.spi.EntityContext e) {
            }
        });
    }

    /** {@code count} entities of {@code drawer}, which record draws and the param {@code p}. */
    private static World drawers(String name, long seed, int p, int count) throws SimulationException {
        return Worlds.yaml("""
                name: %s
                seed: %d
                params: { p: %d }
                scripts: { d: { language: java-test, source: drawer } }
                entities: [ { script: d, count: %d } ]
                """.formatted(name, seed, p, count));
    }

    @Test
    void aFailedTicksPrintsStayInTheLogMarkedAsRolledBack() throws Exception {
        World w = Worlds.yaml("""
                name: t
                scripts: { talker: { language: java-test, source: talker } }
                entities: [ { id: a, script: talker, state: { fail_at: 3 } } ]
                """);
        assertThatThrownBy(() -> w.advance(5)).isInstanceOf(SimulationException.class);

        List<LogLine> lines = w.log(null, 10);
        assertThat(lines).extracting(LogLine::text).containsExactly("about to fail at 1", "about to fail at 2",
                "about to fail at 3", lines.getLast().text());
        assertThat(lines.get(2).rolledBack()).isTrue();
        assertThat(lines.get(2).tick()).isEqualTo(3);
        assertThat(lines.get(2).toString()).isEqualTo("[t=3 a, rolled back] about to fail at 3");
        assertThat(lines.get(1).rolledBack()).isFalse();
        assertThat(lines.getLast().kind()).isEqualTo(LogLine.Kind.ENGINE);
        assertThat(lines.getLast().text()).contains("tick 3 failed and was rolled back");
        assertThat(w.log(null, Set.of(LogLine.Kind.OUTPUT), -1, 10)).hasSize(3);
        assertThat(w.log(null, null, lines.get(1).seq(), 10)).extracting(LogLine::text)
                .containsExactly("about to fail at 1");
    }

    @Test
    void aFailedInitOfAnAddedEntityLeavesNothingBehindButItsPrints() throws Exception {
        World w = Worlds.yaml("""
                name: t
                scripts:
                  a: { language: java-test, source: typo }
                  bad: { language: java-test, source: fails-init }
                entities: [ { script: a } ]
                """);
        String before = Worlds.snapshotText(w);

        assertThatThrownBy(() -> w.addEntity("bad", null, null)).hasMessageContaining("init broke");

        assertThat(Worlds.snapshotText(w)).isEqualTo(before);
        assertThat(w.entityIds(null)).containsExactly("a-1");
        assertThat(w.log(null, 5)).singleElement().satisfies(l -> {
            assertThat(l.text()).isEqualTo("init printed this");
            assertThat(l.rolledBack()).isTrue();
        });
        assertThat(w.addEntity("bad".replace("bad", "a"), null, null)).isEqualTo("a-2");
    }

    @Test
    void aRunStopsBetweenTicksWhenTheCallerSaysSo() throws Exception {
        World w = drawers("t", 0, 0, 2);
        World whole = w.copy("whole");
        AdvanceReport report = w.advance(100, done -> done < 7);

        assertThat(report.ticks()).isEqualTo(7);
        assertThat(w.tick()).isEqualTo(7);
        assertThat(w.status()).isEqualTo(new World.Status(7, 7.0, 2));
        w.advance(3);
        whole.advance(10);
        assertThat(Worlds.snapshotText(w).replace("\"whole\"", "\"t\""))
                .isEqualTo(Worlds.snapshotText(whole).replace("\"whole\"", "\"t\""));
    }

    @Test
    void statusAnswersWhileAnotherThreadHoldsTheWorld() throws Exception {
        World w = drawers("t", 0, 0, 2);
        var inside = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread run = Thread.ofPlatform().start(() -> {
            try {
                w.advance(10, done -> {
                    if (done == 4) {
                        inside.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return true;
                });
            } catch (SimulationException e) {
                throw new AssertionError(e);
            }
        });
        inside.await();
        assertThat(w.status().tick()).isEqualTo(4); // the world's monitor is held by the run
        release.countDown();
        run.join();
        assertThat(w.status().tick()).isEqualTo(10);
    }

    @Test
    void messagesToIdsThatNeverExistedAreNamedButNotToTheDeparted() throws Exception {
        World w = Worlds.yaml("""
                name: t
                scripts: { typo: { language: java-test, source: typo } }
                entities: [ { script: typo, count: 2 }, { id: boss, script: typo } ]
                """);
        AdvanceReport first = w.advance(3);
        assertThat(first.unknownRecipients()).containsExactly("bank-01", "typo-01");
        assertThat(w.log(null, Set.of(LogLine.Kind.DROPPED), -1, 2)).extracting(LogLine::text).containsExactly(
                "dropped message 'deposit' from boss to bank-01: there is no entity 'bank-01' and never was (a typo?)",
                "dropped message 'zero-padded' from boss to typo-01: there is no entity 'typo-01' and never was (a "
                        + "typo?)");

        w.removeEntity("typo-2");
        w.removeEntity("boss");
        // their own messages to themselves are still queued: dropped, but they did exist
        AdvanceReport second = w.advance(1);
        assertThat(second.dropped()).isEqualTo(3 * 2 + 2);
        assertThat(second.unknownRecipients()).containsExactly("bank-01", "typo-01");
    }

    @Test
    void aPristineCopyWithANewSeedDrawsAfreshFromInitOn() throws Exception {
        World w = drawers("t", 1, 1, 2);
        assertThat(w.pristine()).isTrue();
        World sameSeed = w.copy("same", 1L, null);
        World otherSeed = w.copy("other", 2L, JsonNodeFactory.instance.objectNode().put("p", 5));
        double first = w.entityState("d-1").orElseThrow().get("first").doubleValue();

        assertThat(sameSeed.entityState("d-1").orElseThrow().get("first").doubleValue()).isEqualTo(first);
        assertThat(otherSeed.entityState("d-1").orElseThrow().get("first").doubleValue()).isNotEqualTo(first);
        assertThat(otherSeed.entityState("d-1").orElseThrow().get("p").intValue()).isEqualTo(5);
        assertThat(otherSeed.seed()).isEqualTo(2);
        World fresh = drawers("other", 2, 5, 2);
        assertThat(Worlds.snapshotText(otherSeed)).isEqualTo(Worlds.snapshotText(fresh));
    }

    @Test
    void aCopyOfAnAdvancedWorldKeepsItsPastAndDrawsFromTheNewSeedFromNowOn() throws Exception {
        World w = drawers("t", 1, 1, 2);
        w.advance(2);
        assertThat(w.pristine()).isFalse();
        World same = w.copy("same", null, null);
        World other = w.copy("other", 9L, null);
        assertThat(other.entityState("d-1")).isEqualTo(w.entityState("d-1"));

        w.advance(1);
        same.advance(1);
        other.advance(1);
        assertThat(same.entityState("d-1")).isEqualTo(w.entityState("d-1"));
        assertThat(other.entityState("d-1").orElseThrow().get("last"))
                .isNotEqualTo(w.entityState("d-1").orElseThrow().get("last"));
        assertThat(other.entityState("d-1").orElseThrow().get("first"))
                .isEqualTo(w.entityState("d-1").orElseThrow().get("first"));
    }

    @Test
    void newParamsReachScriptsAtTheNextTick() throws Exception {
        World w = drawers("t", 0, 1, 1);
        w.advance(1);
        w.setParams(JsonNodeFactory.instance.objectNode().put("p", 7));
        w.advance(1);
        assertThat(w.entityState("d-1").orElseThrow().get("p").intValue()).isEqualTo(7);
        assertThat(w.snapshot().get("params").get("p").intValue()).isEqualTo(7);
    }
}
