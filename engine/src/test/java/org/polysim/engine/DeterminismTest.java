package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.engine.Worlds.behaviour;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** DESIGN.md "Determinism" and "Snapshots are world files". */
class DeterminismTest {

    static {
        // a busy little economy: random gifts, spawning and dying, metrics, a random schedule
        behaviour("trader", e -> {
            long wealth = e.state().path("wealth").asLong(0);
            for (org.polysim.engine.spi.InboxMessage m : e.inbox()) {
                wealth += m.content().path("amount").asLong(0);
            }
            if (wealth > 0) {
                var peers = e.entities("trader");
                String to = peers.get((int) e.random(0, peers.size() - 1));
                e.send(to, "gift", JsonNodeFactory.instance.objectNode().put("amount", 1), (double) e.random(1, 3));
                wealth -= 1;
            }
            if (e.random() < 0.02) {
                e.spawn("trader", JsonNodeFactory.instance.objectNode().put("wealth", 1));
            }
            if (e.random() < 0.02 && e.entities("trader").size() > 5) {
                e.destroy(null);
            }
            ObjectNode s = e.state().deepCopy();
            s.put("wealth", wealth);
            e.setState(s);
            e.metric("wealth", wealth);
            e.metric("traders", 1);
        });
    }

    static final String ECONOMY = """
            name: economy
            seed: 2024
            schedule: random
            scripts:
              trader: { language: java-test, source: trader }
            entities:
              - { script: trader, count: 30, state: { wealth: 3 } }
            """;

    @Test
    void sameWorldAndSeedGiveIdenticalSnapshotBytes() throws Exception {
        World a = Worlds.yaml(ECONOMY);
        World b = Worlds.yaml(ECONOMY);
        a.advance(100);
        b.advance(100);
        assertThat(Worlds.snapshotText(a)).isEqualTo(Worlds.snapshotText(b));

        World other = Worlds.yaml(ECONOMY.replace("seed: 2024", "seed: 2025"));
        other.advance(100);
        assertThat(Worlds.snapshotText(other)).isNotEqualTo(Worlds.snapshotText(a));
    }

    @Test
    void advancingInTwoHalvesThroughAFileEqualsOneRun(@TempDir Path dir) throws Exception {
        World whole = Worlds.yaml(ECONOMY);
        whole.advance(100);

        for (String ext : new String[] {"yaml", "json"}) {
            World half = Worlds.yaml(ECONOMY);
            half.advance(50);
            Path file = dir.resolve("half." + ext);
            WorldFiles.write(half.snapshot(), file);
            World resumed = World.load(file);
            assertThat(resumed.tick()).isEqualTo(50);
            resumed.advance(50);
            assertThat(Worlds.snapshotText(resumed)).as(ext).isEqualTo(Worlds.snapshotText(whole));
        }
    }

    @Test
    void aCopyEvolvesExactlyLikeItsOriginal() throws Exception {
        World original = Worlds.yaml(ECONOMY);
        original.advance(30);
        World copy = original.copy("economy");
        original.advance(70);
        copy.advance(70);
        assertThat(Worlds.snapshotText(copy)).isEqualTo(Worlds.snapshotText(original));
        assertThat(original.metric("traders").orElseThrow().values())
                .containsExactly(copy.metric("traders").orElseThrow().values());
    }

    @Test
    void aSnapshotFileIsAReadableWorldFile(@TempDir Path dir) throws Exception {
        World w = Worlds.yaml(ECONOMY);
        w.advance(5);
        Path file = dir.resolve("snap.yaml");
        WorldFiles.write(w.snapshot(), file);
        String text = Files.readString(file);
        assertThat(text).contains("time: 5", "scripts:", "entities:", "messages:", "metrics:");
    }
}
