package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.ObjectNode;

/** A frame of the live view fits the response it is sent in, and says when it shows a sample. */
class ViewFrameTest {

    private static World world(String yaml) throws Exception {
        return World.create(WorldFiles.parse(yaml, false, "world"), null, null);
    }

    @Test
    void aLargeWorldIsShownAsAnEvenSampleThatFitsTheBudgetAndSaysSo() throws Exception {
        try (World w = world("""
                name: crowd
                space: { kind: continuous, width: 100, height: 100, depth: 10 }
                scripts: { dot: { language: lua, source: "function update(e, inbox) end" } }
                entities: [ { script: dot, count: 30000 } ]
                """)) {
            int budget = 64 * 1024;
            ObjectNode frame = ViewFrame.of(w, new ViewFrame.Options(null, null, 20_000), List.of(), null,
                    budget);
            var points = frame.path("points");
            assertThat(points.path("total").asInt()).isEqualTo(30_000);
            assertThat(points.path("shown").asInt()).isBetween(1000, 4000);
            assertThat(points.path("shown").asInt() * points.path("every").asInt()).isGreaterThanOrEqualTo(30_000);
            assertThat(points.has("z")).isTrue();
            assertThat(frame.path("note").asString()).startsWith("showing " + points.path("shown").asInt()
                    + " of 30000 entities");
            assertThat(Json.compact(frame).length()).isLessThan(budget);

            ObjectNode all = ViewFrame.of(w, new ViewFrame.Options(null, null, 100_000), List.of(), null,
                    ViewServer.RESPONSE_BYTES);
            assertThat(all.path("points").path("shown").asInt()).isEqualTo(30_000);
            assertThat(all.has("note")).isFalse();
        }
    }

    @Test
    void aNetworkWithoutSpaceIsItsGraphPlacedOnceWithItsLinks() throws Exception {
        try (World w = world("""
                name: ring
                seed: 2
                network: { generator: { kind: ring } }
                scripts: { node: { language: lua, source: "function update(e, inbox) end" } }
                entities: [ { script: node, count: 12 } ]
                """)) {
            ObjectNode frame = ViewFrame.of(w, new ViewFrame.Options(null, null, 100), List.of(), null, 64 * 1024);
            assertThat(frame.has("table")).isFalse();
            assertThat(frame.path("points").path("shown").asInt()).isEqualTo(12);
            var graph = frame.path("graph");
            assertThat(graph.path("links_shown").asInt()).isEqualTo(12);
            java.nio.ByteBuffer pairs = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(
                    graph.path("pairs").asString())).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            java.util.Set<String> links = new java.util.TreeSet<>();
            for (int i = 0; i < 12; i++) { // the points are in creation order: node-(i+1) is point i
                int a = pairs.getShort(), b = pairs.getShort();
                links.add(Math.min(a, b) + "-" + Math.max(a, b));
            }
            java.util.Set<String> ring = new java.util.TreeSet<>();
            for (int i = 0; i < 12; i++) {
                int j = (i + 1) % 12;
                ring.add(Math.min(i, j) + "-" + Math.max(i, j));
            }
            assertThat(links).isEqualTo(ring);
            // the next frame of the same network reuses the placement the first one made; a changed network not
            var placed = ViewFrame.placement("ring", w.network(), w.seed());
            assertThat(ViewFrame.placement("ring", w.network(), w.seed())).isSameAs(placed);
            w.removeEntity("node-3");
            assertThat(ViewFrame.placement("ring", w.network(), w.seed())).isNotSameAs(placed);
        }
    }

    @Test
    void aWorldWithoutSpaceIsATableOfItsEntities() throws Exception {
        try (World w = world("""
                name: market
                scripts: { trader: { language: lua, source: "function update(e, inbox) end" } }
                entities: [ { script: trader, count: 50, state: { cash: 3 } } ]
                """)) {
            ObjectNode frame = ViewFrame.of(w, new ViewFrame.Options(null, null, 100), List.of(), null,
                    64 * 1024);
            assertThat(frame.has("points")).isFalse();
            assertThat(frame.path("table")).hasSize(ViewFrame.TABLE_ROWS);
            assertThat(frame.path("table").get(0).path("state").path("cash").asInt()).isEqualTo(3);
            assertThat(frame.path("counts").path("trader").asInt()).isEqualTo(50);
        }
    }

    @Test
    void aTextFieldColoursByCategoryAndANumericOneByValue() throws Exception {
        try (World w = world("""
                name: sir
                space: { kind: grid, width: 10, height: 10 }
                scripts: { person: { language: lua, source: "function update(e, inbox) end" } }
                entities:
                  - { script: person, count: 3, state: { status: S, age: 30 } }
                  - { script: person, count: 2, state: { status: I, age: 50 } }
                  - { script: person, count: 1, state: { age: 7 } }
                """)) {
            var byStatus = ViewFrame.of(w, new ViewFrame.Options("status", null, 100), List.of(), null,
                    64 * 1024).path("points");
            assertThat(byStatus.path("categories").toString()).isEqualTo("[\"S\",\"I\"]");
            assertThat(java.util.Base64.getDecoder().decode(byStatus.path("category").asString()))
                    .containsExactly(0, 0, 0, 1, 1, (byte) 255);
            assertThat(byStatus.has("value")).isFalse();
            var byAge = ViewFrame.of(w, new ViewFrame.Options("age", null, 100), List.of(), null,
                    64 * 1024).path("points");
            assertThat(byAge.path("value_min").asDouble()).isEqualTo(7);
            assertThat(byAge.path("value_max").asDouble()).isEqualTo(50);
            assertThat(byAge.has("categories")).isFalse();
        }
    }

    @Test
    void generatedIdsTravelAsTheirNumber() {
        assertThat(ViewFrame.number("sheep-12", "sheep")).isEqualTo(12);
        assertThat(ViewFrame.number("sheep-012", "sheep")).isEqualTo(-1);
        assertThat(ViewFrame.number("bank", "sheep")).isEqualTo(-1);
        assertThat(ViewFrame.number("sheepdog-1", "sheep")).isEqualTo(-1);
    }
}
