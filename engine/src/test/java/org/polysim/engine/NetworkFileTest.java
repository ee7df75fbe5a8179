package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A world file's {@code network} (DESIGN.md "Networks and broadcasts"): each generator makes the links its kind
 * should, from the world's seed; explicit edges and CSV edge files load; bad input is refused before anything is
 * built, naming the field; links live through snapshots, copies and destroys.
 */
class NetworkFileTest {

    static {
        Worlds.behaviour("net-idle", e -> { });
        Worlds.behaviour("net-init-link", new org.polysim.engine.testing.JavaTestLanguage.Behaviour() {
            @Override
            public void init(org.polysim.engine.spi.EntityContext e) {
                if (!e.id().equals("person-1")) {
                    e.link("person-1", 5.0); // a link its init makes, beside the file's
                }
            }

            @Override
            public void update(org.polysim.engine.spi.EntityContext e) {
            }
        });
        Worlds.behaviour("net-killer", new org.polysim.engine.testing.JavaTestLanguage.Behaviour() {
            @Override
            public void init(org.polysim.engine.spi.EntityContext e) {
                e.destroy("person-2");
            }

            @Override
            public void update(org.polysim.engine.spi.EntityContext e) {
            }
        });
        Worlds.behaviour("net-shout", e -> {
            if (e.time() == 1 && e.id().equals("person-1")) {
                e.broadcast("hi", null, JsonNodeFactory.instance.objectNode().put("radius", 1e12));
            }
            ObjectNode s = e.state().deepCopy();
            s.put("heard", s.path("heard").asInt() + e.inbox().size());
            e.setState(s);
        });
    }

    @TempDir
    Path dir;

    private static World world(int people, String network) throws SimulationException {
        return Worlds.yaml("""
                name: net
                seed: 9
                scripts: { person: { language: java-test, source: net-idle }, bank: { language: java-test, source: net-idle } }
                entities:
                  - { script: person, count: %d }
                  - { id: central, script: bank }
                network: %s
                """.formatted(people, network));
    }

    private static String edges(World w) {
        return w.snapshot().get("network").get("edges").toString();
    }

    @Test
    void eachGeneratorMakesTheLinksOfItsKind() throws Exception {
        NetworkView ring = world(10, "{ generator: { kind: ring }, nodes: [person] }").network();
        assertThat(ring.links()).isEqualTo(10);
        assertThat(ring.degrees()).containsOnly(2);
        assertThat(ring.nodes()).doesNotContain("central").hasSize(10);
        assertThat(world(6, "{ generator: { kind: complete }, nodes: person }").network().links()).isEqualTo(15);
        NetworkView lattice = world(12, "{ generator: { kind: lattice, width: 4, height: 3 }, nodes: [person] }")
                .network();
        assertThat(lattice.links()).isEqualTo(3 * 3 + 4 * 2);
        NetworkView ws = world(100, "{ generator: { kind: watts_strogatz, k: 4, p: 0.2 }, nodes: [person] }")
                .network();
        assertThat(ws.links()).isEqualTo(200);
        assertThat(world(100, "{ generator: { kind: barabasi_albert, m: 2 }, nodes: [person] }").network().links())
                .isEqualTo(1 + 98 * 2);
        NetworkView er = world(1000, "{ generator: { kind: erdos_renyi, mean_degree: 4 }, nodes: [person] }")
                .network();
        assertThat(er.links()).as("G(n, m) with m = <k> n / 2").isEqualTo(2000);
        assertThat(er.summary(50, 1).meanDegree()).isEqualTo(4.0);
        // without nodes, every entity is a node: the bank too
        assertThat(world(10, "{ generator: { kind: complete } }").network().links()).isEqualTo(55);
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndACopyWithAnotherSeedAnother() throws Exception {
        String network = "{ generator: { kind: erdos_renyi, p: 0.05 }, nodes: [person] }";
        World w = world(200, network);
        assertThat(edges(world(200, network))).isEqualTo(edges(w));
        World other = w.copy("other", 10L, null);
        assertThat(edges(other)).isNotEqualTo(edges(w));
        World back = World.create(w.snapshot(), null, "back");
        assertThat(edges(back)).isEqualTo(edges(w));
        assertThat(back.network().links()).isEqualTo(w.network().links());
    }

    @Test
    void weightsAreConstantOrDrawnInTheirRange() throws Exception {
        NetworkView fixed = world(5, "{ generator: { kind: ring }, nodes: [person], weight: 2 }").network();
        assertThat(fixed.weights()).containsOnly(2.0);
        NetworkView drawn = world(50, "{ generator: { kind: ring }, nodes: [person], weight: [0.5, 1.5] }")
                .network();
        assertThat(Arrays.stream(drawn.weights()).min().orElseThrow()).isGreaterThanOrEqualTo(0.5);
        assertThat(Arrays.stream(drawn.weights()).max().orElseThrow()).isLessThanOrEqualTo(1.5);
        assertThat(Arrays.stream(drawn.weights()).distinct().count()).isGreaterThan(40);
    }

    @Test
    void edgesAndAnEdgeFileLoad() throws Exception {
        World w = world(3, "{ edges: [[person-1, person-2], [person-3, central, 0.25]] }");
        assertThat(edges(w)).isEqualTo("[[\"person-1\",\"person-2\"],[\"person-3\",\"central\",0.25]]");
        Files.writeString(dir.resolve("links.csv"), "from,to,weight\nperson-1,central,2\nperson-2,person-3\n");
        Path file = dir.resolve("w.yaml");
        Files.writeString(file, """
                name: filed
                scripts: { person: { language: java-test, source: net-idle } }
                entities: [ { script: person, count: 3 }, { id: central, script: person } ]
                network: { edges_file: links.csv }
                """);
        World filed = World.load(file);
        assertThat(edges(filed)).isEqualTo("[[\"person-1\",\"central\",2],[\"person-2\",\"person-3\"]]");
    }

    @Test
    void badNetworksAreRefusedNamingTheField() {
        assertThatThrownBy(() -> world(5, "{ generator: { kind: small_world } }"))
                .hasMessageContaining("network.generator.kind").hasMessageContaining("watts_strogatz");
        assertThatThrownBy(() -> world(10, "{ generator: { kind: watts_strogatz, k: 3 } }"))
                .hasMessageContaining("network.generator.k").hasMessageContaining("even");
        assertThatThrownBy(() -> world(10, "{ directed: true, generator: { kind: ring } }"))
                .hasMessageContaining("network.directed").hasMessageContaining("undirected");
        assertThatThrownBy(() -> world(10, "{ generator: { kind: erdos_renyi, p: 0.1, mean_degree: 2 } }"))
                .hasMessageContaining("network.generator").hasMessageContaining("one of them");
        assertThatThrownBy(() -> world(10, "{ generator: { kind: erdos_renyi, p: 1.5 } }"))
                .hasMessageContaining("network.generator.p").hasMessageContaining("probability");
        assertThatThrownBy(() -> world(10, "{ generator: { kind: ring, k: 2, kk: 1 } }"))
                .hasMessageContaining("kk");
        assertThatThrownBy(() -> world(3, "{ edges: [[person-1, person-2], [person-1, person-9]] }"))
                .hasMessageContaining("network.edges[1]").hasMessageContaining("no entity 'person-9'");
        assertThatThrownBy(() -> world(3, "{ edges: [[person-1, person-1]] }"))
                .hasMessageContaining("network.edges[0]").hasMessageContaining("to itself");
        assertThatThrownBy(() -> world(3, "{ edges: [[person-1, person-2], [person-2, person-1]] }"))
                .hasMessageContaining("network.edges[1]").hasMessageContaining("a second time");
        assertThatThrownBy(() -> world(3, "{ edges: [[person-1]] }")).hasMessageContaining("[from, to]");
        assertThatThrownBy(() -> world(3, "{ generator: { kind: ring }, edges: [] }"))
                .hasMessageContaining("give one of generator, edges and edges_file");
        assertThatThrownBy(() -> world(3, "{ edges_file: links.csv }")).hasMessageContaining("network.edges_file");
    }

    @Test
    void aNetworkAboveTheLinkCapIsRefusedBeforeItIsBuilt() {
        String yaml = """
                name: big
                limits: { max_links: 1000 }
                scripts: { person: { language: java-test, source: net-idle } }
                entities: [ { script: person, count: 3000 } ]
                network: { generator: { kind: complete } }
                """;
        assertThatThrownBy(() -> Worlds.yaml(yaml)).hasMessageContaining("network.generator")
                .hasMessageContaining("4498500 links").hasMessageContaining("limits.max_links (1000)");
    }

    @Test
    void aSpawnedEntityIsLinkedOnlyAsAskedAndBadLinksAddNothing() throws Exception {
        World w = world(3, "{ generator: { kind: ring }, nodes: [person] }");
        String id = w.addEntity("person", null, null, null, JsonNodeFactory.instance.arrayNode().add("person-1")
                .add(JsonNodeFactory.instance.arrayNode().add("central").add(3)));
        assertThat(id).isEqualTo("person-4");
        assertThat(w.network().links()).isEqualTo(5);
        assertThat(edges(w)).contains("[\"person-1\",\"person-4\"]", "[\"central\",\"person-4\",3]");
        String before = Worlds.snapshotText(w);
        assertThatThrownBy(() -> w.addEntity("person", null, null, null, JsonNodeFactory.instance.arrayNode()
                .add("person-1").add("nobody"))).hasMessageContaining("links[1]").hasMessageContaining("nobody");
        assertThat(Worlds.snapshotText(w)).isEqualTo(before);
        assertThat(w.addEntity("person", null, null, null, null)).isEqualTo("person-5");
        assertThat(w.network().links()).as("a spawn is linked only when asked").isEqualTo(5);
    }

    @Test
    void linksTheInitsMadeStayBesideTheFilesAndTheWorldReloads() throws Exception {
        World w = Worlds.yaml("""
                name: both
                seed: 1
                scripts: { person: { language: java-test, source: net-init-link } }
                entities: [ { script: person, count: 6 } ]
                network: { generator: { kind: ring }, nodes: [person] }
                """);
        // the ring's 6 links and each init's link to person-1; person-2 and person-6 had both: made once
        assertThat(w.network().links()).isEqualTo(6 + 5 - 2);
        assertThat(edges(w)).contains("[\"person-1\",\"person-2\"]", "[\"person-1\",\"person-3\",5]");
        World back = World.create(w.snapshot(), null, "back");
        assertThat(edges(back)).isEqualTo(edges(w));
        back.removeEntity("person-1");
        assertThat(back.network().links()).isEqualTo(4);
    }

    @Test
    void aBroadcastThatReachesEverywhereEndsAndALinkThatCannotBeMadeChangesNothing() throws Exception {
        World w = Worlds.yaml("""
                name: far
                space: { kind: continuous, width: 10, height: 10 }
                scripts: { person: { language: java-test, source: net-shout }, killer: { language: java-test, source: net-killer } }
                entities: [ { script: person, count: 50 } ]
                """);
        w.advance(2);
        assertThat(w.entityState("person-50").orElseThrow().path("heard").asInt()).isEqualTo(1);
        assertThat(w.entityState("person-1").orElseThrow().path("heard").asInt()).as("not the sender").isZero();
        String before = Worlds.snapshotText(w);
        assertThatThrownBy(() -> w.addEntity("killer", null, null, null, JsonNodeFactory.instance.arrayNode()
                .add("person-1").add("person-2"))).hasMessageContaining("links[1]")
                .hasMessageContaining("'person-2' was destroyed by the new entity's init");
        assertThat(Worlds.snapshotText(w)).isEqualTo(before);
    }

    @Test
    void aBroadcastInFlightIsCheckedWhenASnapshotIsRead() throws Exception {
        World w = Worlds.yaml("""
                name: far
                space: { kind: continuous, width: 10, height: 10 }
                scripts: { person: { language: java-test, source: net-idle } }
                entities: [ { script: person, count: 2 } ]
                """);
        tools.jackson.databind.node.ObjectNode snap = w.snapshot();
        snap.withArray("messages").addObject().put("from", "person-1").put("kind", "x").put("deliver_at", 1)
                .putObject("within").put("radius", -1).putArray("at").add(1).add(1);
        assertThatThrownBy(() -> World.create(snap, null, "bad")).hasMessageContaining("messages[0].within.radius");
        ((ObjectNode) snap.get("messages").get(0).get("within")).put("radius", 2).putArray("at").add(1).add(1e300);
        assertThatThrownBy(() -> World.create(snap, null, "bad")).hasMessageContaining("messages[0].within.at");
        assertThatThrownBy(() -> world(5, "{ generator: { kind: ring }, weight: [-1e308, 1e308] }"))
                .hasMessageContaining("network.weight");
    }

    @Test
    void aRemovedEntityTakesItsLinksWithIt() throws Exception {
        World w = world(4, "{ generator: { kind: complete }, nodes: [person] }");
        w.removeEntity("person-2");
        assertThat(w.network().links()).isEqualTo(3);
        assertThat(edges(w)).doesNotContain("person-2");
    }
}
