package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.polysim.engine.Worlds.behaviour;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Space and layers in the engine: what the language contract does not reach (errors, 3D, continuous, layers). */
class SpaceTest {

    static {
        behaviour("sp-idle", e -> { });
        behaviour("sp-near", e -> {
            ObjectNode s = e.state().deepCopy();
            var a = s.putArray("near");
            e.near(e.params().path("r").asDouble(), null).forEach(a::add);
            e.setState(s);
        });
        behaviour("sp-wander", e -> {
            var p = e.free();
            if (p != null) {
                e.move(p.get(0).asDouble(), p.get(1).asDouble(), null);
            }
        });
        behaviour("sp-mover", e -> {
            ObjectNode s = e.state().deepCopy();
            s.put("ok", e.move(e.params().path("x").asDouble(), e.params().path("y").asDouble(), null));
            e.setState(s);
        });
        behaviour("sp-3d", e -> {
            ObjectNode s = e.state().deepCopy();
            double z = e.coordinate(2).doubleValue();
            s.put("moved", e.move(e.coordinate(0).doubleValue(), e.coordinate(1).doubleValue(), z + 1.0));
            var a = s.putArray("near");
            e.near(1, null).forEach(a::add);
            e.setState(s);
        });
    }

    private static WorldFileException fileError(String yaml) {
        return catchThrowableOfType(WorldFileException.class, () -> Worlds.yaml(yaml));
    }

    private static final String IDLE = "scripts: { s: { language: java-test, source: sp-idle } }\n";

    @Test
    void badSpacesAndPlacementsNameTheField() {
        assertThat(fileError("name: a\n" + IDLE + "space: { kind: hex, width: 5, height: 5 }\n").getMessage())
                .contains("space.kind", "hex", "grid", "continuous");
        assertThat(fileError("name: a\n" + IDLE + "space: { kind: grid, width: 5.5, height: 5 }\n").getMessage())
                .contains("space.width", "whole number");
        assertThat(fileError("name: a\n" + IDLE + "space: { kind: grid, width: 5, height: 5 }\n"
                + "entities: [ { script: s, at: [5, 0] } ]\n").getMessage())
                .contains("entities[0].at", "outside the space");
        assertThat(fileError("name: a\n" + IDLE + "space: { kind: continuous, width: 5, height: 5 }\n"
                + "layers: { food: { initial: 1 } }\n").getMessage())
                .contains("layers", "continuous space has no cells");
        assertThat(fileError("name: a\n" + IDLE + "layers: { food: { initial: 1 } }\n").getMessage())
                .contains("layers need a grid");
        assertThat(fileError("name: a\n" + IDLE + "entities: [ { script: s, at: [1, 1] } ]\n").getMessage())
                .contains("entities[0].at", "no space");
        assertThat(fileError("name: a\n" + IDLE + "space: { kind: grid, width: 2, height: 2, capacity: 1 }\n"
                + "entities: [ { script: s, count: 5 } ]\n").getMessage())
                .contains("entities", "do not fit", "4 cells", "capacity 1");
        assertThat(fileError("name: a\n" + IDLE + "space: { kind: grid, width: 4, height: 4 }\n"
                + "layers: { food: { initial: 2, max: 1 } }\n").getMessage())
                .contains("layers.food", "initial");
    }

    @Test
    void aMoveToAFullCellReturnsFalseAndOutsideABoundedGridIsAnError() throws Exception {
        World w = Worlds.yaml("""
                name: full
                params: { x: 1, y: 0 }
                space: { kind: grid, width: 3, height: 3, capacity: 1 }
                scripts: { m: { language: java-test, source: sp-mover }, s: { language: java-test, source: sp-idle } }
                entities:
                  - { id: mover, script: m, at: [0, 0] }
                  - { id: sitter, script: s, at: [1, 0] }
                """);
        w.advance(1);
        assertThat(w.entityState("mover").orElseThrow().path("ok").asBoolean()).isFalse();
        w.setParams((ObjectNode) JsonNodeFactory.instance.objectNode().put("x", 3).put("y", 0));
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.getMessage()).contains("mover", "move: x = 3 is outside the space", "0 <= x < 3");
    }

    @Test
    void capacityHoldsWhileEntitiesWander() throws Exception {
        World w = Worlds.yaml("""
                name: wander
                seed: 3
                space: { kind: grid, width: 4, height: 4, capacity: 1 }
                scripts: { w: { language: java-test, source: sp-wander } }
                entities: [ { script: w, count: 15, at: free } ]
                """);
        for (int t = 0; t < 20; t++) {
            w.advance(1);
            assertThat(Arrays.stream(w.occupancy()).max().orElseThrow()).isLessThanOrEqualTo(1);
            assertThat(Arrays.stream(w.occupancy()).sum()).isEqualTo(15);
        }
    }

    @Test
    void continuousNearIsEuclideanAcrossTheTorusEdgeNearestFirst() throws Exception {
        World w = Worlds.yaml("""
                name: cont
                params: { r: 2 }
                space: { kind: continuous, width: 100, height: 50, torus: true }
                scripts: { n: { language: java-test, source: sp-near }, s: { language: java-test, source: sp-idle } }
                entities:
                  - { id: me, script: n, at: [0.5, 25] }
                  - { id: across, script: s, at: [99.5, 25] }
                  - { id: diagonal, script: s, at: [1.5, 26] }
                  - { id: far, script: s, at: [3, 25] }
                """);
        w.advance(1);
        // across the edge: 1.0 away; diagonal: sqrt(2) = 1.41; far: 2.5 > r
        assertThat(w.entityState("me").orElseThrow().get("near").toString()).isEqualTo("[\"across\",\"diagonal\"]");
    }

    @Test
    void vonNeumannNearCountsManhattanDistance() throws Exception {
        World w = Worlds.yaml("""
                name: vn
                params: { r: 1 }
                space: { kind: grid, width: 5, height: 5, neighborhood: von_neumann }
                scripts: { n: { language: java-test, source: sp-near }, s: { language: java-test, source: sp-idle } }
                entities:
                  - { id: me, script: n, at: [2, 2] }
                  - { id: corner, script: s, at: [3, 3] }
                  - { id: side, script: s, at: [2, 3] }
                  - { id: same, script: s, at: [2, 2] }
                """);
        w.advance(1);
        assertThat(w.entityState("me").orElseThrow().get("near").toString()).isEqualTo("[\"same\",\"side\"]");
    }

    @Test
    void aThreeDimensionalTorusWrapsZ() throws Exception {
        World w = Worlds.yaml("""
                name: cube
                space: { kind: grid, width: 3, height: 3, depth: 4, torus: true }
                scripts: { c: { language: java-test, source: sp-3d } }
                entities:
                  - { id: a, script: c, at: [0, 0, 3] }
                  - { id: b, script: c, at: [0, 0, 1] }
                """);
        w.advance(1); // a: z 3 wraps to 0, next to b (z 1); then b moves to z 2, two cells from a either way
        assertThat(w.positions()).extracting(World.Placed::z).containsExactly(0.0, 2.0);
        assertThat(w.snapshot().get("entities").get(0).get("at").toString()).isEqualTo("[0,0,0]");
        assertThat(w.entityState("a").orElseThrow().get("near").toString()).isEqualTo("[\"b\"]");
        assertThat(w.entityState("b").orElseThrow().get("near").toString()).isEqualTo("[]");
        w.advance(1); // a: z 1; b: z 3, which touches z 0 across the edge... and a is at 1: two cells again
        assertThat(w.positions()).extracting(World.Placed::z).containsExactly(1.0, 3.0);
        w.advance(1); // a: z 2, next to b (3); b: z 3 wraps to 0, two from a
        assertThat(w.entityState("a").orElseThrow().get("near").toString()).isEqualTo("[\"b\"]");
    }

    private static World layered(String layer) throws SimulationException {
        return Worlds.yaml("name: layered\nspace: { kind: grid, width: 5, height: 4, torus: false }\n"
                + "layers: { l: " + layer + " }\n" + IDLE + "entities: [ { script: s } ]\n");
    }

    private static double total(double[] v) {
        return Arrays.stream(v).sum();
    }

    @Test
    void diffusionConservesTheTotalOnBoundedAndTorusGridsAndSpreadsAsNetLogoDoes() throws Exception {
        double[] values = new double[20];
        values[0] = 80; // a corner: 3 of its 8 neighbours exist, the other 5 shares stay
        values[12] = 40; // (2, 2): all 8 neighbours inside
        ObjectNode snap = layered("{ initial: 0, diffuse: 0.5 }").snapshot();
        var arr = ((ObjectNode) snap.get("layers").get("l")).putArray("values");
        Arrays.stream(values).forEach(arr::add);
        World w = World.create(snap, null, null);
        w.advance(1);
        double[] after = w.layerValues("l");
        assertThat(total(after)).isCloseTo(120, within(1e-9));
        assertThat(after[0]).isCloseTo(80 - 80 * 0.5 * 3 / 8, within(1e-12));
        assertThat(after[1]).isCloseTo(80 * 0.5 / 8, within(1e-12));
        assertThat(after[12]).isCloseTo(20, within(1e-12));
        assertThat(after[7]).isCloseTo(40 * 0.5 / 8, within(1e-12));
        for (int t = 0; t < 50; t++) {
            w.advance(1);
        }
        assertThat(total(w.layerValues("l"))).isCloseTo(120, within(1e-9));

        ObjectNode torus = w.snapshot();
        ((ObjectNode) torus.get("space")).put("torus", true);
        World t = World.create(torus, null, null);
        t.advance(30);
        assertThat(total(t.layerValues("l"))).isCloseTo(120, within(1e-9));
    }

    @Test
    void regrowthStopsAtMaxAndEvaporationShrinks() throws Exception {
        World grass = layered("{ initial: 0.1, max: 1, regrow: 0.25 }");
        grass.advance(2);
        assertThat(grass.layerValues("l")[0]).isCloseTo(0.6, within(1e-12));
        grass.advance(10);
        assertThat(grass.layerValues("l")).containsOnly(1.0);

        World scent = layered("{ initial: 10, evaporate: 0.1 }");
        scent.advance(2);
        assertThat(scent.layerValues("l")[5]).isCloseTo(8.1, within(1e-12));
    }

    @Test
    void anEntityOffTheMapStaysOffItThroughASnapshot() throws Exception {
        World w = Worlds.yaml("name: off\nspace: { kind: grid, width: 4, height: 4 }\n" + IDLE
                + "entities: [ { id: ghost, script: s, at: none }, { id: here, script: s, at: [1, 2] } ]\n");
        World back = World.create(w.snapshot(), null, null);
        assertThat(back.positions()).extracting(World.Placed::id).containsExactly("here");
        assertThat(Worlds.snapshotText(back)).isEqualTo(Worlds.snapshotText(w));
    }

    @Test
    void positionsAndLayersSurviveASnapshotAndTheRunContinuesIdentically() throws Exception {
        String yaml = """
                name: snap
                seed: 11
                space: { kind: grid, width: 6, height: 6, torus: true }
                layers: { food: { initial: 1, max: 2, regrow: 0.1, diffuse: 0.2, evaporate: 0.05 } }
                scripts: { w: { language: java-test, source: sp-wander } }
                entities: [ { script: w, count: 10 } ]
                """;
        World whole = Worlds.yaml(yaml);
        whole.advance(10);
        World half = Worlds.yaml(yaml);
        half.advance(4);
        World resumed = World.create(half.snapshot(), null, null);
        resumed.advance(6);
        assertThat(Worlds.snapshotText(resumed)).isEqualTo(Worlds.snapshotText(whole));
        assertThat(whole.positions()).hasSize(10);
        List<String> ats = whole.positions().stream().map(p -> p.x() + "," + p.y()).toList();
        assertThat(ats).doesNotHaveDuplicates(); // free cells only
    }
}
