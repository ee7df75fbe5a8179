package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;
import static org.polysim.mcp.ServerProcess.text;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Space through the packaged server: a spatial world, its map, a placed spawn, and the errors an author meets. */
class McpSpaceIT extends ServerSession {

    @Test
    void getSpaceDrawsTheEntitiesAndALayerAndSpawnEntityTakesAPosition() throws Exception {
        ok("create_world", Map.of("name", "field", "seed", 2,
                "space", Map.of("kind", "grid", "width", 8, "height", 4),
                "layers", Map.of("grass", Map.of("initial", 1, "max", 1, "regrow", 0.5)),
                "scripts", Map.of("cow", Map.of("language", "lua", "source",
                        "function update(e, inbox) e.metric('eaten', e.take('grass', 1)) end")),
                "entities", List.of(Map.of("id", "a", "script", "cow", "at", List.of(0, 0)),
                        Map.of("id", "b", "script", "cow", "at", List.of(7, 3)))));
        ok("spawn_entity", Map.of("world_name", "field", "script", "cow", "entity_id", "c", "at", List.of(7, 3)));
        ok("advance_simulation", Map.of("world_name", "field", "num_steps", 1));

        var space = ok("get_space", Map.of("world_name", "field"));
        @SuppressWarnings("unchecked")
        List<String> rows = (List<String>) ((Map<String, Object>) data(space).get("map")).get("rows");
        assertThat(rows).containsExactly("1.......", "........", "........", ".......2");
        assertThat(text(space)).contains("grid 8 x 4 bounded", "3 entities placed", "1.......");

        var grass = ok("get_space", Map.of("world_name", "field", "map", "grass"));
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) ((Map<String, Object>) data(grass).get("layers"))
                .get("grass");
        // three cows took from two cells (two on one), each cell regrew 0.5: 30 full cells + 2 at 0.5
        assertThat(((Number) stats.get("total")).doubleValue()).isEqualTo(31.0);
        @SuppressWarnings("unchecked")
        List<String> grassRows = (List<String>) ((Map<String, Object>) data(grass).get("map")).get("rows");
        assertThat(grassRows.get(0)).startsWith("5#");

        var picture = ok("render_world", Map.of("world_name", "field", "layer", "grass", "size", 400));
        var png = picture.content().stream().filter(io.modelcontextprotocol.spec.McpSchema.ImageContent.class::isInstance)
                .map(io.modelcontextprotocol.spec.McpSchema.ImageContent.class::cast).findFirst().orElseThrow();
        assertThat(png.mimeType()).isEqualTo("image/png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(png.data())));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(text(picture)).contains("3 entities by script over layer grass", "cow (3)");
        assertThat(error("render_world", Map.of("world_name", "field", "layer", "water"))).contains("layers: grass");
    }

    @Test
    void spatialMistakesGetErrorsThatSayWhatToChange() {
        assertThat(error("create_world", Map.of("name", "flat", "space", Map.of("kind", "continuous", "width", 5,
                "height", 5), "layers", Map.of("food", Map.of("initial", 1)),
                "scripts", Map.of("a", Map.of("language", "js", "source", "function update(e) {}")))))
                .contains("layers", "use space.kind: grid");
        ok("create_world", Map.of("name", "box", "space", Map.of("kind", "grid", "width", 3, "height", 3),
                "scripts", Map.of("a", Map.of("language", "python", "source",
                        "def update(e, inbox):\n    e.move(e.x + 5, e.y)\n")),
                "entities", List.of(Map.of("script", "a", "at", List.of(1, 1)))));
        assertThat(error("advance_simulation", Map.of("world_name", "box", "num_steps", 1)))
                .contains("a-1", "python, line 2", "x = 6 is outside the space");
        assertThat(error("spawn_entity", Map.of("world_name", "box", "script", "a", "at", List.of(3, 0))))
                .contains("at", "outside the space");
        assertThat(error("get_space", Map.of("world_name", "box", "map", "a")))
                .contains("map: entities, script: a");
    }
}
