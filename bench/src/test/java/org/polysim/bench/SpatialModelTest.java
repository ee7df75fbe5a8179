package org.polysim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The spatial models' world files and what the harness makes of them, without running them (the engine's space is
 * not there yet): the declared sizes, and every script swapped for the chosen language's source.
 */
class SpatialModelTest {

    private static final Path SCRIPTS = Path.of("workloads");

    @Test
    void agentsAtTheStartAreTheDeclaredOnes() {
        assertThat(SpatialModel.SCHELLING.agents("small", SCRIPTS)).isEqualTo(1000);
        assertThat(SpatialModel.SCHELLING.agents("large", SCRIPTS)).isEqualTo(8000);
        assertThat(SpatialModel.WOLFSHEEP.agents("small", SCRIPTS)).isEqualTo(60 + 40);
        assertThat(SpatialModel.WOLFSHEEP.agents("large", SCRIPTS)).isEqualTo(1000 + 500);
        assertThat(SpatialModel.FLOCKING.agents("small", SCRIPTS)).isEqualTo(200);
        assertThat(SpatialModel.FLOCKING.agents("large", SCRIPTS)).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(SpatialModel.class)
    void everyScriptGetsTheLanguagesSource(SpatialModel model) {
        for (String language : Bench.LANGUAGES) {
            for (String size : SpatialModel.SIZES) {
                ObjectNode w = model.world(language, size, SCRIPTS, 7);
                assertThat(w.path("seed").asLong()).isEqualTo(7);
                assertThat(w.path("name").asString()).isEqualTo(model.id() + "-" + size);
                assertThat(w.path("space").path("kind").asString()).isIn("grid", "continuous");
                for (JsonNode script : w.path("scripts")) {
                    assertThat(script.has("file")).isFalse();
                    assertThat(script.path("language").asString()).isEqualTo(language);
                    assertThat(script.path("source").asString()).contains(language.equals("java") ? model.id()
                            : "update");
                }
            }
        }
    }

    @Test
    void theJitLanguagesWarmUpLonger() {
        Bench.Plan lua = Bench.spatialPlan(SpatialModel.FLOCKING, "small", 200, "lua");
        Bench.Plan js = Bench.spatialPlan(SpatialModel.FLOCKING, "small", 200, "js");
        assertThat(lua.perBlock()).isEqualTo(100);
        assertThat(lua.warmup()).isEqualTo(10 * 100);
        assertThat(js.warmup()).isEqualTo(100 * 100);
        assertThat(Bench.spatialPlan(SpatialModel.SCHELLING, "large", 8000, "python").warmup()).isEqualTo(13 * 20);
    }
}
